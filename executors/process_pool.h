// Processes: a pool of W worker processes started for the batch and reaped at
// its end, the analogue of Python's ProcessPoolExecutor used as a context
// manager. Workers are forked from the fork server (see fork_server.h), each
// rebuilds and prepares the workload from its spec, then takes tasks from a
// counter in shared memory and writes results into per-task slots there, so
// results come back in task order without serialisation.
//
// Like Python's BrokenProcessPool, a failed task or a worker that dies (signal
// or exit) fails the whole batch, naming the worker, its pid, the signal or
// exit code and the task it was running; the other workers stop taking tasks.

#ifndef EXECBENCH_EXECUTORS_PROCESS_POOL_H_
#define EXECBENCH_EXECUTORS_PROCESS_POOL_H_

#include "executors/executor.h"

namespace execbench {

class ProcessPool final : public Executor {
 public:
  absl::string_view name() const override { return "Processes"; }
  absl::StatusOr<BatchResult> Run(const WorkloadSpec& spec, Workload& local,
                                  int tasks, int workers) override;
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_PROCESS_POOL_H_
