// ApiTarget: what the workloads that GET per task (Api with libcurl, PyApi
// with Python's urllib) fetch, and within what time, from the same flags:
// --api_url, or else the loopback server; --api_timeout_ms.

#ifndef EXECBENCH_WORKLOADS_HTTP_API_TARGET_H_
#define EXECBENCH_WORKLOADS_HTTP_API_TARGET_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/workload_spec.h"

namespace execbench {

// The spec parameters "url" and "timeout_ms" and the counters of a run.
struct ApiTargetRun {
  std::map<std::string, std::string> params;
  // The loopback server's delay and body size; none for --api_url.
  std::map<std::string, double> counters;
  // What a GET holds while it runs: its body, which a client may hold twice
  // while it grows; unknown (0) for --api_url.
  int64_t running_task_bytes = 0;
};

// From the flags, starting the loopback server unless --api_url is given;
// a server whose body and a client's copies do not fit in memory is not
// started.
absl::StatusOr<ApiTargetRun> ApiTargetFromFlags();

// The target a spec names, as ApiTargetFromFlags() filled it.
class ApiTarget {
 public:
  // Fails, naming `workload`, if a parameter is missing or the time limit is
  // not positive.
  static absl::StatusOr<ApiTarget> FromSpec(const WorkloadSpec& spec,
                                            absl::string_view workload);

  // The URL of task `index`: "{task}" in the template replaced by it.
  std::string TaskUrl(int index) const;
  absl::Duration timeout() const { return timeout_; }

 private:
  ApiTarget(std::string url_template, absl::Duration timeout)
      : url_template_(std::move(url_template)), timeout_(timeout) {}

  std::string url_template_;
  absl::Duration timeout_;
};

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HTTP_API_TARGET_H_
