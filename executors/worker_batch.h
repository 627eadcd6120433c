// WorkerBatch: what the workers of one in-process batch share: the result
// they fill, when each was ready to take tasks, and the first failure, which
// stops them all from taking another task.
//
// Workers that take tasks one at a time in turn (OpenMP's dynamic schedule,
// a thread per task) append their tasks' spans and checksums to lists of
// their own, which Finish() puts in task order after the batch: writing each
// into its slot of one shared array would bounce the cache line that
// neighbouring tasks share between the workers' cores on every task. Workers
// that take runs of neighbouring tasks (task_claims.h, oneTBB's splitting of
// a range) write into the slots directly: their runs share a cache line only
// where they meet, and the slots' pages are in memory before the batch
// starts, which a list's are not.
//
// The batch also holds the payloads that travel with its tasks
// (executors/in_process_payloads.h): workers run workload(), which carries
// them when they are on.

#ifndef EXECBENCH_EXECUTORS_WORKER_BATCH_H_
#define EXECBENCH_EXECUTORS_WORKER_BATCH_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/batch_result.h"
#include "core/workload.h"
#include "executors/in_process_payloads.h"
#include "executors/task_runner.h"

namespace execbench {

// Where a batch's workers put their tasks' results: Run() into lists of
// their own, RunInPlace() into the result's slots.
enum class ResultPlacement { kWorkerLists, kInPlace };

class WorkerBatch {
 public:
  // A batch of `tasks` of `workload` on `workers` workers, its result and
  // payloads allocated, and with kWorkerLists each worker's list too.
  WorkerBatch(Workload& workload, int tasks, int workers,
              ResultPlacement placement);

  // What the workers run: the workload, with its payloads if any.
  Workload& workload() { return payloads_.workload(); }

  // Starts the batch's clock and returns the start time.
  int64_t Start();

  // Makes the runner of worker `worker` on workload(), on the calling
  // thread (the worker's own: the runner reads its clocks), and records the
  // worker as ready to take tasks from then. A worker that never calls it
  // counts as ready at the batch start. Each worker calls it from one thread
  // at a time.
  TaskRunner StartWorker(int worker);

  // Records worker `worker` as ready from now, for executors that time tasks
  // themselves (span(), checksum()) rather than with a TaskRunner.
  void Ready(int worker);

  // Runs task `index` on `runner` into its worker's list; records a
  // failure. Each worker calls it from one thread at a time.
  void Run(TaskRunner& runner, int index);

  // Runs task `index` on `runner` into its slot of the result; records a
  // failure. For workers that claim runs of neighbouring tasks.
  void RunInPlace(TaskRunner& runner, int index);

  // The span and checksum of task `index`, for executors that time tasks
  // themselves; one thread at a time per task.
  TaskSpan& span(int index) { return result_.spans[index]; }
  uint64_t& checksum(int index) { return result_.checksums[index]; }

  // Keeps `status` if it is the first failure; any thread may call it.
  void Fail(absl::Status status);

  // Whether a task has failed: workers stop taking tasks.
  bool failed() const { return failed_.load(std::memory_order_relaxed); }

  // Checks the tasks' results if they carry payloads, then ends the batch:
  // the first failure, or the result with its batch times. Call once, after
  // every worker has finished.
  absl::StatusOr<BatchResult> Finish();

 private:
  // One worker's tasks, on cache lines of its own.
  struct alignas(64) WorkerTasks {
    std::vector<RanTask> done;
  };

  int64_t start_ns_ = 0;
  InProcessPayloads payloads_;
  BatchResult result_;
  std::vector<WorkerTasks> worker_tasks_;
  std::vector<int64_t> ready_ns_;
  std::atomic<bool> failed_{false};
  absl::Mutex mutex_;
  absl::Status first_failure_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_WORKER_BATCH_H_
