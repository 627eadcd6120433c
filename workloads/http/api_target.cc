// The flags that say what Api and PyApi GET, and the spec they fill.

#include "workloads/http/api_target.h"

#include <cstdint>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "core/flag_types.h"
#include "core/machine_limits.h"
#include "core/suite_flag.h"
#include "workloads/http/api_loopback_server.h"

EXECBENCH_FLAG(
    std::string, api_url, "",
    "Api, PyApi: URL that tasks GET instead of the loopback server's; "
    "'{task}' in it is replaced by the task's index");
EXECBENCH_FLAG(execbench::PositiveInt, api_timeout_ms, {10000},
               "Api, PyApi: time limit of each GET, connecting included");

namespace execbench {
namespace {

constexpr char kTaskPlaceholder[] = "{task}";

}  // namespace

absl::StatusOr<ApiTargetRun> ApiTargetFromFlags() {
  ApiTargetRun run;
  std::string url = absl::GetFlag(FLAGS_api_url);
  if (url.empty()) {
    run.running_task_bytes = 2 * LoopbackBodyBytes();
    // The server's copy of the body, and a GET's.
    if (absl::Status fits = CheckMemory(
            "the loopback HTTP server",
            "its body and a client's copies of it (--api_body_bytes)",
            static_cast<double>(LoopbackBodyBytes() + run.running_task_bytes));
        !fits.ok()) {
      return fits;
    }
    absl::StatusOr<DelayedHttpServer*> server = ApiLoopbackServer();
    if (!server.ok()) return server.status();
    url = absl::StrCat((*server)->base_url(), "/task/", kTaskPlaceholder);
    run.counters = {
        {"server_delay_s", absl::ToDoubleSeconds((*server)->options().delay)},
        {"body_bytes", static_cast<double>((*server)->options().body_bytes)}};
  }
  run.params = {
      {"url", url},
      {"timeout_ms", absl::StrCat(absl::GetFlag(FLAGS_api_timeout_ms).value)}};
  return run;
}

absl::StatusOr<ApiTarget> ApiTarget::FromSpec(const WorkloadSpec& spec,
                                              absl::string_view workload) {
  absl::StatusOr<std::string> url = spec.GetString("url");
  if (!url.ok()) return url.status();
  absl::StatusOr<int64_t> timeout_ms = spec.GetInt("timeout_ms");
  if (!timeout_ms.ok()) return timeout_ms.status();
  if (*timeout_ms <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        workload, ": timeout_ms is ", *timeout_ms, ", not positive"));
  }
  return ApiTarget(*std::move(url), absl::Milliseconds(*timeout_ms));
}

std::string ApiTarget::TaskUrl(int index) const {
  return absl::StrReplaceAll(url_template_,
                             {{kTaskPlaceholder, absl::StrCat(index)}});
}

}  // namespace execbench
