// Timing of tasks and of a batch's phases.

#include "executors/task_runner.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "executors/clock.h"

namespace execbench {

TaskRunner::TaskRunner(Workload& workload, int worker, int64_t batch_start_ns)
    : workload_(workload),
      worker_(worker),
      batch_start_ns_(batch_start_ns),
      last_cpu_ns_(ThreadCpuNs()) {}

absl::Status TaskRunner::Run(int index, TaskSpan& span, uint64_t& checksum) {
  const int64_t start = MonotonicNowNs();
  absl::StatusOr<uint64_t> result = workload_.RunTask(index);
  const int64_t stop = MonotonicNowNs();
  const int64_t cpu = ThreadCpuNs();
  if (!result.ok()) return TaskFailure(index, worker_, result.status());
  span = {.start_ns = start - batch_start_ns_,
          .stop_ns = stop - batch_start_ns_,
          .worker = worker_,
          .cpu_ns = cpu - last_cpu_ns_};
  last_cpu_ns_ = cpu;
  checksum = *result;
  return absl::OkStatus();
}

absl::Status TaskFailure(int index, int worker, const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrCat("task ", index, " failed on worker ", worker,
                                   ": ", status.message()));
}

void SetBatchTimes(int64_t batch_start_ns, int64_t last_ready_ns,
                   int64_t batch_end_ns, BatchResult& result) {
  int64_t last_stop = last_ready_ns - batch_start_ns;
  for (const TaskSpan& span : result.spans) {
    last_stop = std::max(last_stop, span.stop_ns);
  }
  result.wall_ns = batch_end_ns - batch_start_ns;
  result.startup_ns = last_ready_ns - batch_start_ns;
  result.shutdown_ns = result.wall_ns - last_stop;
}

}  // namespace execbench
