// PreparedWorkloads: each workload of the grid, built from the flags and
// prepared once per process, on first use, so that a workload whose
// benchmarks are filtered out starts nothing (such as the loopback server).

#ifndef EXECBENCH_BENCHMARKS_FAMILIES_PREPARED_WORKLOADS_H_
#define EXECBENCH_BENCHMARKS_FAMILIES_PREPARED_WORKLOADS_H_

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/workload.h"

namespace execbench {

struct PreparedWorkload {
  WorkloadRun run;
  std::unique_ptr<Workload> local;  // prepared, for in-process executors
};

class PreparedWorkloads {
 public:
  // The prepared workload, or why it could not be prepared (the same error
  // for every later call).
  absl::StatusOr<PreparedWorkload*> Get(const WorkloadRegistration& workload);

 private:
  absl::Mutex mutex_;
  std::map<std::string, absl::StatusOr<std::unique_ptr<PreparedWorkload>>>
      prepared_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_FAMILIES_PREPARED_WORKLOADS_H_
