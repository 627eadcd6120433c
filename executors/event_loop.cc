// EventLoop: one thread drives up to W tasks in flight through an event loop
// (IoLoop: curl's multi interface and io_uring behind one epoll set), the C++
// analogue of asyncio. It runs only workloads with an asynchronous form
// (core/async_workload.h); the loop and its ring are made and destroyed
// inside the batch, as a pool's threads are. A task's worker is the slot of
// the W in flight that it holds.
//
// The tasks share the loop's thread, whose CPU time cannot be told apart per
// task: their spans' CPU time is unknown (kUnknownCpu), and the batch's CPU
// time holds it all.
//
// Tasks bound their own waits (a GET's time limit); an operation that never
// completes (a write to a hung file system) is bounded by the batch timeout
// (executors/batch_timeout.h), which fails the batch naming the tasks in
// flight and cancels them.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/async_workload.h"
#include "core/executor.h"
#include "core/io_loop/io_loop.h"
#include "executors/batch_timeout.h"
#include "executors/clock.h"
#include "executors/task_runner.h"
#include "executors/worker_batch.h"
#include "executors/worker_count.h"

namespace execbench {
namespace {

// The failure of a batch that ran past the batch timeout with the tasks of
// `slot_task` (-1: none) in flight.
absl::Status DeadlineExceeded(const std::vector<int>& slot_task) {
  std::vector<std::string> in_flight;
  for (size_t slot = 0; slot < slot_task.size(); ++slot) {
    if (slot_task[slot] >= 0) {
      in_flight.push_back(
          absl::StrCat("task ", slot_task[slot], " on worker ", slot));
    }
  }
  return absl::DeadlineExceededError(
      absl::StrCat("EventLoop: ", BatchTimeoutPassed(BatchTimeout()), " with ",
                   absl::StrJoin(in_flight, ", "), " in flight"));
}

class EventLoop final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override;
};

absl::StatusOr<BatchResult> EventLoop::Run(Workload& workload, int tasks,
                                           int workers) {
  if (absl::Status count = CheckWorkerCount("EventLoop", workers);
      !count.ok()) {
    return count;
  }
  if (workload.async() == nullptr) {
    return absl::InvalidArgumentError(
        "EventLoop runs only workloads with an asynchronous form");
  }
  WorkerBatch batch(workload, tasks, workers, ResultPlacement::kInPlace);
  AsyncWorkload* async = batch.workload().async();
  std::vector<int> free_slots;
  for (int slot = workers - 1; slot >= 0; --slot) free_slots.push_back(slot);
  // The task each slot runs, -1 for none: what a late batch names.
  std::vector<int> slot_task(workers, -1);

  const int64_t start = batch.Start();
  const int64_t deadline = start + absl::ToInt64Nanoseconds(BatchTimeout());
  absl::StatusOr<std::unique_ptr<IoLoop>> loop =
      IoLoop::Create(async->uses_io_uring());
  if (!loop.ok()) return loop.status();
  batch.Ready(0);
  int next_task = 0;
  // Fills the free slots with the next tasks. A task that ends refills its
  // slot from its callback, as asyncio wakes the next waiter on a semaphore,
  // rather than after the loop has handled every other event of its wake-up;
  // a call from within a start (a task that ended at once) only frees its
  // slot, which the loop below then fills.
  bool starting = false;
  std::function<void()> start_tasks = [&] {
    if (starting) return;
    starting = true;
    while (next_task < tasks && !free_slots.empty() && !batch.failed()) {
      const int index = next_task++;
      const int slot = free_slots.back();
      free_slots.pop_back();
      batch.span(index).worker = slot;
      batch.span(index).start_ns = MonotonicNowNs() - start;
      batch.span(index).cpu_ns = kUnknownCpu;
      slot_task[slot] = index;
      async->StartTask(
          index, **loop, [&, index, slot](absl::StatusOr<uint64_t> checksum) {
            batch.span(index).stop_ns = MonotonicNowNs() - start;
            slot_task[slot] = -1;
            free_slots.push_back(slot);
            if (checksum.ok()) {
              batch.checksum(index) = *checksum;
            } else {
              batch.Fail(TaskFailure(index, slot, checksum.status()));
            }
            start_tasks();
          });
    }
    starting = false;
  };
  start_tasks();
  while ((*loop)->pending() > 0) {
    // Wait() returns at least once a second.
    if (MonotonicNowNs() >= deadline) {
      batch.Fail(DeadlineExceeded(slot_task));
      break;
    }
    if (absl::Status waited = (*loop)->Wait(); !waited.ok()) {
      batch.Fail(absl::Status(waited.code(),
                              absl::StrCat("EventLoop: ", waited.message())));
      break;
    }
    start_tasks();
  }
  // Destroying the loop runs the callbacks of what is still in flight (after
  // a failed Wait()), which refill their slots: nothing may start then.
  next_task = tasks;
  loop->reset();
  return batch.Finish();
}

}  // namespace

EXECBENCH_REGISTER_EXECUTOR(
    {.name = "EventLoop",
     .description = "one thread driving up to W tasks in flight through an "
                    "event loop: curl multi and io_uring (asyncio)",
     .make = [] { return std::make_unique<EventLoop>(); },
     .runs =
         [](const WorkloadRegistration& workload) {
           return workload.asynchronous;
         }});

}  // namespace execbench
