// The process pool's message channel: a workload that sends_messages()
// (core/workload.h) has its tasks' arguments and results travel as bytes
// through the batch's message arena (executors/shared_batch.h), as a Python
// pool pickles each task's argument in the calling process, sends it to a
// worker, which unpickles it, runs the task and pickles its result, which the
// calling process receives and unpickles.
//
// Inside the timed region: the parent makes every task's argument
// (ArgumentMessage) before the workers start, as Python's pool pickles as
// it submits, and lays them out in the arena; each worker runs its tasks'
// messages (RunMessage) on the arguments where they lie and copies each
// result into room it takes in the arena; after the workers have ended the
// parent receives every result (ReceiveMessage), which gives the task's
// checksum. No workload that sends no messages comes here: its per-task
// path is unchanged.
//
// What counts as moving (bytes_moved, move_s; docs/instrument.md): every
// argument's and result's bytes; the time of making the arguments and laying
// them out, of copying results into the arena, and of receiving them. A
// worker's unpickling of its argument and pickling of its result are inside
// RunMessage(), so they count as the task's time, in its span.

#ifndef EXECBENCH_EXECUTORS_POOL_MESSAGES_H_
#define EXECBENCH_EXECUTORS_POOL_MESSAGES_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/batch_result.h"
#include "core/workload.h"
#include "executors/shared_batch.h"

namespace execbench {

// The message arena of every batch, 4 GiB unless set: virtual memory only,
// of which a batch allocates what its messages take. `bench
// --message_arena_mib` sets it.
inline constexpr int64_t kDefaultMessageArenaBytes = int64_t{4} << 30;

// Set once, before any batch.
int64_t MessageArenaBytes();
void SetMessageArenaBytes(int64_t bytes);

// The calling process's side of one batch.
class PoolMessages {
 public:
  // Off unless `workload` sends messages.
  explicit PoolMessages(Workload& workload);

  // The arena the batch needs: 0 when off.
  int64_t arena_bytes() const;

  // Inside the timed region, before the workers start: makes every task's
  // argument and lays it out in `batch`'s arena. OK when off.
  absl::Status Send(const SharedBatch& batch);

  // After the workers have ended without a failure: receives the result of
  // every task that a worker reported. OK when off.
  absl::Status Receive(const SharedBatch& batch);

  // Folds each received task's checksum into what its worker reported for
  // it (executors/payload_bytes.h: WithArgumentChecksum), task by task.
  void FoldChecksums(std::vector<uint64_t>& checksums) const;

  // Adds the messages' bytes and moving time to `result`'s payload counters.
  void Count(BatchResult& result) const;

 private:
  Workload& workload_;
  const bool on_;
  std::vector<uint64_t> received_;  // task i's checksum
  int64_t bytes_ = 0;
  int64_t move_ns_ = 0;
};

// A worker's side: what its one thread runs in place of the workload. Each
// task runs its message and puts its result in the arena; it returns 0, as
// the task's checksum is known only when the parent receives the result.
class MessageTasks final : public Workload {
 public:
  // `inner` has run PrepareToRunMessages(); both outlive this.
  MessageTasks(Workload& inner, const SharedBatch& batch);

  absl::StatusOr<uint64_t> RunTask(int index) override;

  // The time spent copying results into the arena.
  int64_t move_ns() const { return move_ns_; }

 private:
  Workload& inner_;
  const SharedBatch& batch_;
  int64_t move_ns_ = 0;
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_POOL_MESSAGES_H_
