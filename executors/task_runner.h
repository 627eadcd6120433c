// TaskRunner: runs tasks on one worker and records their spans; the place
// where every executor but EventLoop (whose tasks end in callbacks), in any
// process, starts and stops a task's clocks. It is the suite's instrument, so
// it is kept as light as the machine allows:
//
// - One MonotonicNowNs() read (executors/clock.h: the TSC, 10 ns here, where
//   calibrated; clock_gettime otherwise) per task boundary: a task's
//   span runs from the end of the worker's previous task (or the worker's
//   start) to its own end, so it includes the executor's hand-off of the task
//   to the worker, which is part of what an executor costs.
// - The thread's CPU clock is a system call here (about 0.6 us on a VM), so
//   it is read per task only where that costs under 1% of the task: by
//   default (TaskCpuTiming::kLongTasks) at the end of tasks of at least
//   kLongTaskNs, and only when the previous boundary was read too; other
//   spans have cpu_ns = kUnknownCpu. kEveryTask reads it after every task
//   (`bench --task_cpu=every`), kNever never.
//
// Results go where the executor says (a task's own slot); writing them is
// the executor's business, and so is avoiding false sharing between
// workers.

#ifndef EXECBENCH_EXECUTORS_TASK_RUNNER_H_
#define EXECBENCH_EXECUTORS_TASK_RUNNER_H_

#include <cstdint>

#include "absl/status/status.h"
#include "core/batch_result.h"
#include "core/workload.h"

namespace execbench {

enum class TaskCpuTiming : int32_t {
  kLongTasks = 0,
  kEveryTask = 1,
  kNever = 2
};

// Tasks at least this long get their CPU time read under kLongTasks: two
// CPU clock reads of under 1 us each are then under 1% of the task.
inline constexpr int64_t kLongTaskNs = 200'000;

// The timing that in-process executors use (kLongTasks unless set), and that
// process pools pass to their workers. Set once, before any batch.
TaskCpuTiming DefaultTaskCpuTiming();
void SetDefaultTaskCpuTiming(TaskCpuTiming timing);

class TaskRunner {
 public:
  // Call on the worker's own thread: it reads that thread's clocks. The
  // worker counts as ready from here (ready_ns()).
  TaskRunner(Workload& workload, int worker, int64_t batch_start_ns,
             TaskCpuTiming cpu_timing = DefaultTaskCpuTiming());

  // Runs task `index`; fills `span` (times relative to the batch start) and
  // `checksum`. A failure names the task and the worker.
  absl::Status Run(int index, TaskSpan& span, uint64_t& checksum);

  // MonotonicNowNs() when the runner was made: when the worker could first
  // take a task.
  int64_t ready_ns() const { return ready_ns_; }

  int worker() const { return worker_; }

 private:
  Workload& workload_;
  const int worker_;
  const int64_t batch_start_ns_;
  const TaskCpuTiming cpu_timing_;
  const int64_t ready_ns_;
  int64_t last_boundary_ns_;  // the previous task's stop, or ready_ns_
  int64_t cpu_mark_ns_;       // the thread's CPU clock at the last read
  bool cpu_mark_current_;     // read at last_boundary_ns_
};

// The error of task `index`, which failed on worker `worker` with `status`:
// its message, named, and its code, but never kUnavailable, which the grid
// takes for something that cannot run here (a skip).
absl::Status TaskFailure(int index, int worker, const absl::Status& status);

// Sets wall, start-up and shutdown times of a batch whose spans are filled.
// `last_ready_ns` is when the last worker was ready to take tasks.
void SetBatchTimes(int64_t batch_start_ns, int64_t last_ready_ns,
                   int64_t batch_end_ns, BatchResult& result);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_TASK_RUNNER_H_
