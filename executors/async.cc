// Async: one std::async(std::launch::async, ...) per task, at most W in
// flight: a new thread for every task, the approach a C++ programmer writes
// first and the baseline that pools exist to beat. The calling thread hands
// out the tasks in order; before starting one it waits for one of the W slots
// to be free, and the task's thread frees its slot when the task ends. A
// task's worker is its slot.

#include <condition_variable>
#include <future>
#include <mutex>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/executor.h"
#include "executors/task_runner.h"
#include "executors/worker_batch.h"
#include "executors/worker_count.h"

namespace execbench {
namespace {

// The W slots of tasks in flight: a task takes a free one before its thread
// starts and gives it back when it ends. A std::mutex, not absl::Mutex:
// Debian's Abseil is not built with ThreadSanitizer, which then cannot see
// the hand-off between a task's thread and the next, and the tsan preset
// runs this executor.
class Slots {
 public:
  explicit Slots(int count) {
    for (int slot = count - 1; slot >= 0; --slot) free_.push_back(slot);
  }

  // Waits until a slot is free and takes it.
  int Take() {
    std::unique_lock<std::mutex> lock(mutex_);
    freed_.wait(lock, [this] { return !free_.empty(); });
    const int slot = free_.back();
    free_.pop_back();
    return slot;
  }

  void Give(int slot) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      free_.push_back(slot);
    }
    freed_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<int> free_;  // guarded by mutex_
};

class AsyncPerTask final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override;
};

absl::StatusOr<BatchResult> AsyncPerTask::Run(Workload& workload, int tasks,
                                              int workers) {
  if (absl::Status count = CheckWorkerCount("Async", workers); !count.ok()) {
    return count;
  }
  WorkerBatch batch(workload, tasks, workers, ResultPlacement::kWorkerLists);
  Slots slots(workers);
  // The future of each slot's latest thread. Its thread is joined (by
  // waiting on the future) before the slot's next thread starts: finished
  // threads that nobody joins keep their stacks, and thousands of them
  // exhaust the process's threads.
  std::vector<std::future<void>> slot_thread(workers);

  const int64_t start = batch.Start();
  for (int i = 0; i < tasks && !batch.failed(); ++i) {
    const int slot = slots.Take();
    // A slot's first thread makes its worker ready.
    const bool first_of_slot = !slot_thread[slot].valid();
    auto task = [&, i, slot, first_of_slot] {
      TaskRunner runner = first_of_slot
                              ? batch.StartWorker(slot)
                              : TaskRunner(batch.workload(), slot, start);
      batch.Run(runner, i);
      slots.Give(slot);
    };
    if (slot_thread[slot].valid()) slot_thread[slot].wait();
    try {
      slot_thread[slot] = std::async(std::launch::async, task);
    } catch (const std::system_error& e) {
      slots.Give(slot);
      batch.Fail(absl::ResourceExhaustedError(
          absl::StrCat("cannot start the thread of task ", i, ": ", e.what())));
    }
  }
  for (std::future<void>& thread : slot_thread) {
    if (thread.valid()) thread.wait();
  }
  return batch.Finish();
}

}  // namespace

EXECBENCH_REGISTER_EXECUTOR(
    {.name = "Async",
     .description = "std::async(std::launch::async) per task, at most W in "
                    "flight: a new thread for every task",
     .make = [] { return std::make_unique<AsyncPerTask>(); }});

}  // namespace execbench
