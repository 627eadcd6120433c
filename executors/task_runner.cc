// Timing of tasks and of a batch's phases.

#include "executors/task_runner.h"

#include <algorithm>
#include <atomic>

#include "absl/strings/str_cat.h"
#include "executors/clock.h"

namespace execbench {
namespace {

std::atomic<TaskCpuTiming> default_task_cpu_timing{TaskCpuTiming::kLongTasks};

}  // namespace

TaskCpuTiming DefaultTaskCpuTiming() {
  return default_task_cpu_timing.load(std::memory_order_relaxed);
}

void SetDefaultTaskCpuTiming(TaskCpuTiming timing) {
  default_task_cpu_timing.store(timing, std::memory_order_relaxed);
}

TaskRunner::TaskRunner(Workload& workload, int worker, int64_t batch_start_ns,
                       TaskCpuTiming cpu_timing)
    : workload_(workload),
      worker_(worker),
      batch_start_ns_(batch_start_ns),
      cpu_timing_(cpu_timing),
      ready_ns_(MonotonicNowNs()),
      last_boundary_ns_(ready_ns_),
      cpu_mark_ns_(cpu_timing == TaskCpuTiming::kNever ? 0 : ThreadCpuNs()),
      cpu_mark_current_(cpu_timing != TaskCpuTiming::kNever) {}

absl::Status TaskRunner::Run(int index, TaskSpan& span, uint64_t& checksum) {
  absl::StatusOr<uint64_t> result = workload_.RunTask(index);
  const int64_t stop = MonotonicNowNs();
  if (!result.ok()) return TaskFailure(index, worker_, result.status());
  int64_t cpu = kUnknownCpu;
  const bool read_cpu = cpu_timing_ == TaskCpuTiming::kEveryTask ||
                        (cpu_timing_ == TaskCpuTiming::kLongTasks &&
                         stop - last_boundary_ns_ >= kLongTaskNs);
  if (read_cpu) {
    const int64_t now_cpu = ThreadCpuNs();
    if (cpu_mark_current_) cpu = now_cpu - cpu_mark_ns_;
    cpu_mark_ns_ = now_cpu;
  }
  cpu_mark_current_ = read_cpu;
  span = {.start_ns = last_boundary_ns_ - batch_start_ns_,
          .stop_ns = stop - batch_start_ns_,
          .worker = worker_,
          .cpu_ns = cpu};
  last_boundary_ns_ = stop;
  checksum = *result;
  return absl::OkStatus();
}

absl::Status TaskFailure(int index, int worker, const absl::Status& status) {
  // A task that could not reach a server says kUnavailable, which would read
  // as "cannot run here" (a skip); a failed task is a failed batch.
  return absl::Status(
      absl::IsUnavailable(status) ? absl::StatusCode::kAborted : status.code(),
      absl::StrCat("task ", index, " failed on worker ", worker, ": ",
                   status.message()));
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
