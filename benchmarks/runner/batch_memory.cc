// The memory a batch needs, against what is available.

#include "benchmarks/runner/batch_memory.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/batch_result.h"
#include "core/machine_limits.h"
#include "core/payload_sizes.h"

namespace execbench {

absl::Status CheckBatchMemory(const std::string& benchmark,
                              const WorkloadRun& run,
                              const ExecutorRegistration& executor,
                              int workers) {
  const double running = std::min(workers, run.tasks);
  const double processes = executor.worker_processes ? workers : 0;
  // Payloads: every argument and result in this process, once more in a
  // process pool's channel, and the current task's in each worker.
  const PayloadSizes payloads = PayloadSizes::Of(run.spec);
  const double payload_bytes =
      static_cast<double>(payloads.BatchBytes(run.tasks)) *
          (executor.worker_processes ? 2 : 1) +
      processes * static_cast<double>(payloads.BatchBytes(1));
  const double needed = static_cast<double>(run.tasks) * kBatchBytesPerTask +
                        running * static_cast<double>(run.running_task_bytes) +
                        processes * static_cast<double>(run.process_bytes) +
                        payload_bytes;
  return CheckMemory(benchmark,
                     absl::StrCat("a batch of ", run.tasks, " tasks on ",
                                  workers, " workers (their bookkeeping, ",
                                  "inputs, running tasks and payloads)"),
                     needed);
}

}  // namespace execbench
