// WorkerBatch's bookkeeping.

#include "executors/worker_batch.h"

#include <algorithm>
#include <utility>

#include "executors/clock.h"

namespace execbench {

WorkerBatch::WorkerBatch(Workload& workload, int tasks, int workers,
                         ResultPlacement placement)
    : payloads_(workload, tasks),
      result_{.workers = workers,
              .spans = std::vector<TaskSpan>(tasks),
              .checksums = std::vector<uint64_t>(tasks)},
      worker_tasks_(workers),
      ready_ns_(workers) {
  if (placement == ResultPlacement::kInPlace) return;
  // Room for an even share and then some, so that the lists rarely grow
  // while the batch is timed.
  for (WorkerTasks& list : worker_tasks_) {
    list.done.reserve(tasks / workers + tasks / (4 * workers) + 16);
  }
}

int64_t WorkerBatch::Start() {
  start_ns_ = MonotonicNowNs();
  std::fill(ready_ns_.begin(), ready_ns_.end(), start_ns_);
  return start_ns_;
}

void WorkerBatch::Ready(int worker) { ready_ns_[worker] = MonotonicNowNs(); }

TaskRunner WorkerBatch::StartWorker(int worker) {
  TaskRunner runner(workload(), worker, start_ns_);
  ready_ns_[worker] = runner.ready_ns();
  return runner;
}

void WorkerBatch::Run(TaskRunner& runner, int index) {
  RanTask& done = worker_tasks_[runner.worker()].done.emplace_back();
  done.index = index;
  absl::Status status = runner.Run(index, done.span, done.checksum);
  if (!status.ok()) Fail(std::move(status));
}

void WorkerBatch::RunInPlace(TaskRunner& runner, int index) {
  absl::Status status =
      runner.Run(index, result_.spans[index], result_.checksums[index]);
  if (!status.ok()) Fail(std::move(status));
}

void WorkerBatch::Fail(absl::Status status) {
  failed_.store(true, std::memory_order_relaxed);
  absl::MutexLock lock(&mutex_);
  if (first_failure_.ok()) first_failure_ = std::move(status);
}

absl::StatusOr<BatchResult> WorkerBatch::Finish() {
  if (!failed()) {
    if (absl::Status checked = payloads_.CheckResults(); !checked.ok()) {
      Fail(std::move(checked));
    }
  }
  const int64_t end_ns = MonotonicNowNs();
  {
    absl::MutexLock lock(&mutex_);
    if (!first_failure_.ok()) return first_failure_;
  }
  for (const WorkerTasks& list : worker_tasks_) {
    for (const RanTask& done : list.done) {
      result_.spans[done.index] = done.span;
      result_.checksums[done.index] = done.checksum;
    }
  }
  SetBatchTimes(start_ns_,
                *std::max_element(ready_ns_.begin(), ready_ns_.end()), end_ns,
                result_);
  payloads_.Count(result_);
  return std::move(result_);
}

}  // namespace execbench
