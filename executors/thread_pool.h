// Threads: a pool of W threads started for the batch and joined at its end,
// the analogue of Python's ThreadPoolExecutor used as a context manager.
// Idle threads take the next task from a shared counter.

#ifndef EXECBENCH_EXECUTORS_THREAD_POOL_H_
#define EXECBENCH_EXECUTORS_THREAD_POOL_H_

#include "executors/executor.h"

namespace execbench {

class ThreadPool final : public Executor {
 public:
  absl::string_view name() const override { return "Threads"; }
  absl::StatusOr<BatchResult> Run(const WorkloadSpec& spec, Workload& local,
                                  int tasks, int workers) override;
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_THREAD_POOL_H_
