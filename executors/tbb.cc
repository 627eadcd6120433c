// Tbb: oneTBB's parallel_for over the tasks with grain 1 and the simple
// partitioner, so that every TBB leaf task runs exactly one task, in a
// task_arena of W threads (the calling thread and W-1 of TBB's workers).
// TBB splits the range recursively and idle threads steal halves, so the
// hand-out is spread over the workers, not made by one thread spawning every
// task as a task_group would.
//
// Like a pool's lifetime, everything of TBB lives inside the timed batch:
// a global_control that lets the arena have W threads whatever the core count
// (TBB's own limit is one per core), the arena, and a task_scheduler_handle
// whose finalize() waits until TBB's worker threads have exited. Without it
// oneTBB keeps its workers after the arena dies; with it the fork server's
// rule, fork only from a single-threaded process, is untouched too. A task's
// worker is its thread's slot in the arena.
//
// A failed task cancels the loop's context: no task starts after it.

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <new>
#include <optional>
#include <vector>

#include "core/executor.h"
#include "executors/task_runner.h"
#include "executors/worker_batch.h"
#include "executors/worker_count.h"

namespace execbench {
namespace {

class Tbb final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override;
};

absl::StatusOr<BatchResult> Tbb::Run(Workload& workload, int tasks,
                                     int workers) {
  if (absl::Status threads = CheckWorkerThreads("Tbb", workers);
      !threads.ok()) {
    return threads;
  }
  WorkerBatch batch(workload, tasks, workers, ResultPlacement::kInPlace);
  // Each arena slot's runner, made by the first task that its thread runs (a
  // slot belongs to one thread at a time).
  std::vector<std::optional<TaskRunner>> runners(workers);

  batch.Start();
  oneapi::tbb::task_scheduler_handle scheduler(oneapi::tbb::attach{});
  {
    oneapi::tbb::global_control parallelism(
        oneapi::tbb::global_control::max_allowed_parallelism, workers);
    oneapi::tbb::task_arena arena(workers);
    oneapi::tbb::task_group_context context;
    arena.execute([&] {
      oneapi::tbb::parallel_for(
          oneapi::tbb::blocked_range<int>(0, tasks, /*grainsize=*/1),
          [&](const oneapi::tbb::blocked_range<int>& range) {
            const int slot =
                oneapi::tbb::this_task_arena::current_thread_index();
            if (!runners[slot].has_value()) {
              runners[slot].emplace(batch.StartWorker(slot));
            }
            for (int i = range.begin(); i != range.end(); ++i) {
              batch.RunInPlace(*runners[slot], i);
              if (batch.failed()) context.cancel_group_execution();
            }
          },
          oneapi::tbb::simple_partitioner(), context);
    });
  }
  if (!oneapi::tbb::finalize(scheduler, std::nothrow)) {
    batch.Fail(absl::InternalError(
        "Tbb: TBB's worker threads outlived the batch (another part of the "
        "process holds TBB)"));
  }
  return batch.Finish();
}

}  // namespace

EXECBENCH_REGISTER_EXECUTOR(
    {.name = "Tbb",
     .description = "oneTBB parallel_for, grain 1, in a task_arena of W "
                    "threads made and finalised for the batch",
     .make = [] { return std::make_unique<Tbb>(); }});

}  // namespace execbench
