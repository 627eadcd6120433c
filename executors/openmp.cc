// OpenMp: one OpenMP parallel loop over the tasks with num_threads(W) and
// dynamic scheduling, one iteration per task: the calling thread and W-1
// threads of libgomp's team take the next task as they come free, as the
// Threads executor's threads do. A task's worker is its thread's number in
// the team.
//
// libgomp keeps a team's threads between parallel regions, so only the first
// batch (or one with more workers than any before) starts threads; the
// others reuse them. That is OpenMP as programs use it, and the difference
// from Threads, which starts its threads in every batch.
//
// The loop sets no OpenMP state (no omp_set_*): num_threads applies to this
// region alone, so omp_get_max_threads() and Eigen's thread count are the
// same after a batch as before it. Tasks that start their own parallel region
// (Dot's Eigen products) run it nested: libgomp's default allows one active
// level, so with W > 1 the nested region runs on the task's thread alone, and
// Eigen, which does not parallelise inside a parallel region, multiplies on
// that thread. With W = 1 the team has one thread and Eigen uses its own.
//
// A failed task stops the others from taking tasks: the remaining iterations
// are skipped (OpenMP's own cancellation needs OMP_CANCELLATION set in the
// environment before the program starts).

#include <omp.h>
#include <pthread.h>

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "core/executor.h"
#include "executors/task_runner.h"
#include "executors/worker_batch.h"
#include "executors/worker_count.h"

namespace execbench {
namespace {

// libgomp's gomp_team_start() puts a record of every thread it is about to
// start, some 100 bytes, on the stack of the thread that starts the team
// (alloca), before it starts any: a big enough team overflows that stack
// (--workers=100000 did, with SIGSEGV). Teams whose records at this many
// bytes would take more than a quarter of the stack are refused.
constexpr int64_t kTeamStackBytesPerThread = 256;

absl::Status CheckTeamFitsStack(int workers) {
  pthread_attr_t attributes;
  if (pthread_getattr_np(pthread_self(), &attributes) != 0) {
    return absl::OkStatus();
  }
  void* stack = nullptr;
  size_t stack_bytes = 0;
  pthread_attr_getstack(&attributes, &stack, &stack_bytes);
  pthread_attr_destroy(&attributes);
  const int64_t most =
      static_cast<int64_t>(stack_bytes) / 4 / kTeamStackBytesPerThread;
  if (workers <= most) return absl::OkStatus();
  return absl::ResourceExhaustedError(
      absl::StrCat("OpenMp: a team of ", workers,
                   " threads does not fit libgomp's "
                   "records on this thread's stack of ",
                   stack_bytes >> 10, " KiB: at most ", most,
                   " workers (ulimit -s sets the stack)"));
}

class OpenMp final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override;
};

absl::StatusOr<BatchResult> OpenMp::Run(Workload& workload, int tasks,
                                        int workers) {
  // libgomp ends the process when it cannot start a team's thread.
  if (absl::Status threads = CheckWorkerThreads("OpenMp", workers);
      !threads.ok()) {
    return threads;
  }
  if (absl::Status fits = CheckTeamFitsStack(workers); !fits.ok()) {
    return fits;
  }
  // A team may have fewer threads than asked (OMP_THREAD_LIMIT); those it
  // lacks count as ready at the batch start.
  WorkerBatch batch(workload, tasks, workers, ResultPlacement::kWorkerLists);
  batch.Start();
#pragma omp parallel num_threads(workers)
  {
    const int worker = omp_get_thread_num();
    TaskRunner runner = batch.StartWorker(worker);
#pragma omp for schedule(dynamic, 1) nowait
    for (int i = 0; i < tasks; ++i) {
      if (!batch.failed()) batch.Run(runner, i);
    }
  }
  return batch.Finish();
}

}  // namespace

EXECBENCH_REGISTER_EXECUTOR(
    {.name = "OpenMp",
     .description = "an OpenMP parallel loop, num_threads(W), dynamic "
                    "schedule, one iteration per task",
     .make = [] { return std::make_unique<OpenMp>(); }});

}  // namespace execbench
