// The memory a batch needs, against what is available.

#include "benchmarks/runner/batch_memory.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/batch_result.h"
#include "core/machine_limits.h"

namespace execbench {

absl::Status CheckBatchMemory(const std::string& benchmark,
                              const WorkloadRun& run,
                              const ExecutorRegistration& executor,
                              int workers) {
  const double running = std::min(workers, run.tasks);
  const double processes = executor.worker_processes ? workers : 0;
  const double needed = static_cast<double>(run.tasks) * kBatchBytesPerTask +
                        running * static_cast<double>(run.running_task_bytes) +
                        processes * static_cast<double>(run.process_bytes);
  return CheckMemory(benchmark,
                     absl::StrCat("a batch of ", run.tasks, " tasks on ",
                                  workers, " workers (their bookkeeping, ",
                                  "inputs and running tasks)"),
                     needed);
}

}  // namespace execbench
