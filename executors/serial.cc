// Serial executor.

#include "executors/serial.h"

#include "absl/strings/str_cat.h"
#include "executors/clock.h"
#include "executors/task_runner.h"

namespace execbench {

absl::StatusOr<BatchResult> Serial::Run(const WorkloadSpec& /*spec*/,
                                        Workload& local, int tasks,
                                        int workers) {
  if (workers != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("Serial runs on 1 worker, not ", workers));
  }
  BatchResult result{.workers = 1,
                     .spans = std::vector<TaskSpan>(tasks),
                     .checksums = std::vector<uint64_t>(tasks)};
  const int64_t start = MonotonicNowNs();
  TaskRunner runner(local, /*worker=*/0, start);
  for (int i = 0; i < tasks; ++i) {
    absl::Status status = runner.Run(i, result.spans[i], result.checksums[i]);
    if (!status.ok()) return status;
  }
  SetBatchTimes(start, /*last_ready_ns=*/start, MonotonicNowNs(), result);
  return result;
}

}  // namespace execbench
