// RunBatch(): adds the calling process's CPU time and involuntary context
// switches to an executor's batch.

#include "executors/run_batch.h"

#include "executors/clock.h"

namespace execbench {

absl::StatusOr<BatchResult> RunBatch(Executor& executor, Workload& workload,
                                     int tasks, int workers) {
  const int64_t switches_start = ProcessInvoluntarySwitches();
  const int64_t cpu_start = ProcessCpuNs();
  absl::StatusOr<BatchResult> result = executor.Run(workload, tasks, workers);
  if (result.ok()) {
    result->cpu_ns += ProcessCpuNs() - cpu_start;
    result->involuntary_switches +=
        ProcessInvoluntarySwitches() - switches_start;
  }
  return result;
}

}  // namespace execbench
