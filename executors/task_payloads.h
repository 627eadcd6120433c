// The task's end of payloads (core/payload_sizes.h): how a task receives its
// argument and returns its result through its executor's channel, without
// the workload knowing.
//
// The channel's API, per task `index`:
//   - the calling process makes the argument's bytes before the batch
//     (PayloadBatch, executors/payload_batch.h) and puts them where the
//     task's end can reach them: handed by reference in the same process,
//     copied into the batch's shared memory for a process pool
//     (executors/pool_payloads.h);
//   - the task's end (a TaskChannel) gives the task Argument(index), and
//     Result(index), the memory the task writes its result's bytes into,
//     then ResultWritten(index), when a channel copies them on;
//   - the calling process checks each result's bytes as they arrived
//     (PayloadBatch::CheckResult()).
// Bytes are bytes: the same channel can carry any argument and result of
// the sizes it was made for.
//
// PayloadTasks is what executors run in place of the workload when payloads
// are on: each task reads its argument (its checksum is folded into the
// task's, so a damaged argument fails the batch against Serial's
// checksums), runs, and writes its result. Without payloads executors run
// the workload itself, so the instrument's per-task path is unchanged.

#ifndef EXECBENCH_EXECUTORS_TASK_PAYLOADS_H_
#define EXECBENCH_EXECUTORS_TASK_PAYLOADS_H_

#include <atomic>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/async_workload.h"
#include "core/payload_sizes.h"
#include "core/workload.h"

namespace execbench {

// Where a task finds its argument and puts its result.
class TaskChannel {
 public:
  virtual ~TaskChannel() = default;
  // Task `index`'s argument, readable until the task ends.
  virtual absl::string_view Argument(int index) = 0;
  // The memory task `index` writes its result into.
  virtual absl::Span<char> Result(int index) = 0;
  // Task `index` has written its result.
  virtual void ResultWritten(int index) {}
};

// Its spec() is empty: executors take the spec from the workload itself.
class PayloadTasks final : public Workload, private AsyncWorkload {
 public:
  // Runs the tasks of `inner` (prepared) with the payloads of `seed`
  // (PayloadSeed()) through `channel`; both outlive it.
  PayloadTasks(Workload& inner, TaskChannel& channel, uint64_t seed);

  absl::StatusOr<uint64_t> RunTask(int index) override;
  // The asynchronous form of `inner` with payloads, or nullptr without one.
  AsyncWorkload* async() override;

  // The time tasks have spent on payloads: reading their arguments through
  // the channel and making and writing their results.
  int64_t move_ns() const { return move_ns_.load(std::memory_order_relaxed); }

 private:
  bool uses_io_uring() const override;
  void StartTask(int index, AsyncIo& io, AsyncTaskDone done) override;

  // Reads task `index`'s argument; returns its checksum.
  uint64_t TakeArgument(int index);
  // Makes and writes task `index`'s result.
  void GiveResult(int index);

  Workload& inner_;
  TaskChannel& channel_;
  const uint64_t seed_;
  alignas(64) std::atomic<int64_t> move_ns_{0};
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_TASK_PAYLOADS_H_
