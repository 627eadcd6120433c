// The interface every executor implements: run a batch of independent tasks
// on a number of workers, timing the whole pool lifetime as the study did
// (start the workers, run every task, shut down).
//
// A new executor is a subclass in its own file in executors/, added to
// MakeExecutor() in executors/executors.cc.

#ifndef EXECBENCH_EXECUTORS_EXECUTOR_H_
#define EXECBENCH_EXECUTORS_EXECUTOR_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executors/batch_result.h"
#include "workloads/workload.h"

namespace execbench {

class Executor {
 public:
  virtual ~Executor() = default;

  // CamelCase; the second part of benchmark names.
  virtual absl::string_view name() const = 0;

  // True if the executor runs with one worker only (Serial).
  virtual bool single_worker() const { return false; }

  // Runs tasks 0 .. tasks-1 once each. In-process executors call `local`,
  // already prepared; process pools rebuild the workload from `spec` in each
  // worker. Any failed task fails the whole batch with a message that names
  // the task and worker. BatchResult::cpu_ns holds only the CPU time of
  // worker processes; RunBatch() adds the calling process's.
  virtual absl::StatusOr<BatchResult> Run(const WorkloadSpec& spec,
                                          Workload& local, int tasks,
                                          int workers) = 0;
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_EXECUTOR_H_
