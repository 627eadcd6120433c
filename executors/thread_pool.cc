// Threads: a pool of W threads started for the batch and joined at its end,
// the analogue of Python's ThreadPoolExecutor used as a context manager.
// Idle threads take the next task from a shared counter.

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/executor.h"
#include "executors/clock.h"
#include "executors/task_runner.h"

namespace execbench {
namespace {

// What the pool's threads share during one batch.
class Batch {
 public:
  Batch(Workload& workload, int tasks, BatchResult& result)
      : workload_(workload), tasks_(tasks), result_(result) {}

  // The body of worker `worker`'s thread: take tasks until none is left or
  // one has failed.
  void Work(int worker, int64_t batch_start_ns, int64_t& ready_ns) {
    TaskRunner runner(workload_, worker, batch_start_ns);
    ready_ns = runner.ready_ns();
    while (!failed_.load(std::memory_order_relaxed)) {
      const int index = next_task_.fetch_add(1, std::memory_order_relaxed);
      if (index >= tasks_) return;
      absl::Status status =
          runner.Run(index, result_.spans[index], result_.checksums[index]);
      if (!status.ok()) Fail(std::move(status));
    }
  }

  void Fail(absl::Status status) {
    failed_.store(true, std::memory_order_relaxed);
    absl::MutexLock lock(&mutex_);
    if (first_error_.ok()) first_error_ = std::move(status);
  }

  absl::Status first_error() {
    absl::MutexLock lock(&mutex_);
    return first_error_;
  }

 private:
  Workload& workload_;
  const int tasks_;
  BatchResult& result_;
  std::atomic<int> next_task_{0};
  std::atomic<bool> failed_{false};
  absl::Mutex mutex_;
  absl::Status first_error_ ABSL_GUARDED_BY(mutex_);
};

class ThreadPool final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override;
};

absl::StatusOr<BatchResult> ThreadPool::Run(Workload& workload, int tasks,
                                            int workers) {
  if (workers < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("Threads needs at least 1 worker, not ", workers));
  }
  BatchResult result{.workers = workers,
                     .spans = std::vector<TaskSpan>(tasks),
                     .checksums = std::vector<uint64_t>(tasks)};
  std::vector<int64_t> ready_ns(workers);
  Batch batch(workload, tasks, result);

  const int64_t start = MonotonicNowNs();
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (int w = 0; w < workers; ++w) {
    try {
      threads.emplace_back([&batch, w, start, &ready = ready_ns[w]] {
        batch.Work(w, start, ready);
      });
    } catch (const std::system_error& e) {
      batch.Fail(absl::ResourceExhaustedError(absl::StrCat(
          "cannot start thread ", w, " of ", workers, ": ", e.what())));
      break;
    }
  }
  for (std::thread& thread : threads) thread.join();
  const int64_t end = MonotonicNowNs();

  if (absl::Status error = batch.first_error(); !error.ok()) return error;
  SetBatchTimes(start, *std::max_element(ready_ns.begin(), ready_ns.end()), end,
                result);
  return result;
}

}  // namespace

EXECBENCH_REGISTER_EXECUTOR(
    {.name = "Threads",
     .description = "W threads started for the batch and joined at its end, "
                    "taking tasks from a shared counter (ThreadPoolExecutor)",
     .make = [] { return std::make_unique<ThreadPool>(); }});

}  // namespace execbench
