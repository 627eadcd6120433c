// Threads: a pool of W threads started for the batch and joined at its end,
// the analogue of Python's ThreadPoolExecutor used as a context manager.
// Idle threads claim the next tasks from a shared counter (task_claims.h).

#include <atomic>
#include <cstdint>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/executor.h"
#include "executors/task_claims.h"
#include "executors/task_runner.h"
#include "executors/worker_batch.h"
#include "executors/worker_count.h"

namespace execbench {
namespace {

class Threads final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override;
};

absl::StatusOr<BatchResult> Threads::Run(Workload& workload, int tasks,
                                         int workers) {
  if (absl::Status count = CheckWorkerCount("Threads", workers); !count.ok()) {
    return count;
  }
  WorkerBatch batch(workload, tasks, workers, ResultPlacement::kInPlace);
  // On a cache line of its own: every claim writes it.
  alignas(64) std::atomic<int32_t> next_task{0};
  // The body of worker `worker`'s thread: claim tasks until none is left or
  // one has failed.
  auto work = [&](int worker) {
    TaskRunner runner = batch.StartWorker(worker);
    for (TaskClaim claim = ClaimTasks(next_task, tasks, workers);
         claim.begin < claim.end;
         claim = ClaimTasks(next_task, tasks, workers)) {
      for (int index = claim.begin; index < claim.end; ++index) {
        if (batch.failed()) return;
        batch.RunInPlace(runner, index);
      }
    }
  };

  batch.Start();
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (int w = 0; w < workers; ++w) {
    try {
      threads.emplace_back(work, w);
    } catch (const std::system_error& e) {
      batch.Fail(absl::ResourceExhaustedError(absl::StrCat(
          "cannot start thread ", w, " of ", workers, ": ", e.what())));
      break;
    }
  }
  for (std::thread& thread : threads) thread.join();
  return batch.Finish();
}

}  // namespace

EXECBENCH_REGISTER_EXECUTOR(
    {.name = "Threads",
     .description = "W threads started for the batch and joined at its end, "
                    "taking tasks from a shared counter (ThreadPoolExecutor)",
     .make = [] { return std::make_unique<Threads>(); }});

}  // namespace execbench
