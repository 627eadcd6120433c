// TaskRunner: runs tasks on one worker and records their spans; the single
// place where every executor, in any process, starts and stops a task's
// clocks.
//
// A thread's CPU clock is a system call here (about 1 us on a VM, where
// CLOCK_MONOTONIC is a few ns through the vDSO), so it is read once per task,
// not twice: a task's CPU time runs from the end of the worker's previous
// task (or the worker's start) to the end of this one, which adds the
// executor's hand-off of the task to it.

#ifndef EXECBENCH_EXECUTORS_TASK_RUNNER_H_
#define EXECBENCH_EXECUTORS_TASK_RUNNER_H_

#include <cstdint>

#include "absl/status/status.h"
#include "core/batch_result.h"
#include "core/workload.h"

namespace execbench {

class TaskRunner {
 public:
  // Call on the worker's own thread: it reads that thread's CPU clock.
  TaskRunner(Workload& workload, int worker, int64_t batch_start_ns);

  // Runs task `index`; fills `span` (times relative to the batch start) and
  // `checksum`. A failure names the task and the worker.
  absl::Status Run(int index, TaskSpan& span, uint64_t& checksum);

 private:
  Workload& workload_;
  const int worker_;
  const int64_t batch_start_ns_;
  int64_t last_cpu_ns_;
};

// The error of task `index`, which failed on worker `worker` with `status`.
absl::Status TaskFailure(int index, int worker, const absl::Status& status);

// Sets wall, start-up and shutdown times of a batch whose spans are filled.
// `last_ready_ns` is when the last worker was ready to take tasks.
void SetBatchTimes(int64_t batch_start_ns, int64_t last_ready_ns,
                   int64_t batch_end_ns, BatchResult& result);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_TASK_RUNNER_H_
