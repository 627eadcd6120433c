// PayloadBatch: the calling process's side of one batch's payloads
// (core/payload_sizes.h, executors/task_payloads.h): every task's argument,
// made before the batch starts, outside the timed region, as a program's
// data exists before it hands the data to a pool; the check of each result
// as it arrived, inside the timed region; and the batch's payload counters.
//
// The same for every executor, so that what differs between executors is
// only how the bytes travel: by reference in one process, copied through
// shared memory to process workers.
//
// A test seam: the environment variable EXECBENCH_DAMAGE_PAYLOAD, "argument
// 3" or "result 3", damages one byte of task 3's argument on its way (in
// the channel of a process pool, in the calling process for the others), or
// of its result where it arrived, before it is checked.

#ifndef EXECBENCH_EXECUTORS_PAYLOAD_BATCH_H_
#define EXECBENCH_EXECUTORS_PAYLOAD_BATCH_H_

#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/batch_result.h"
#include "core/payload_sizes.h"
#include "core/workload_spec.h"
#include "executors/payload_bytes.h"

namespace execbench {

class PayloadBatch {
 public:
  // The payloads of a batch of `tasks` of the workload `spec` names; when
  // it carries payload sizes, every task's argument is made here.
  PayloadBatch(const WorkloadSpec& spec, int tasks);

  bool on() const { return sizes_.on(); }
  int tasks() const { return tasks_; }
  const PayloadSizes& sizes() const { return sizes_; }
  uint64_t seed() const { return seed_; }

  // Task `index`'s argument, in this process.
  absl::string_view Argument(int index) const;
  absl::Span<char> MutableArgument(int index);

  // Checks every task's result, which `result` gives as it arrived; the
  // first damaged one fails the batch, naming the task. The time it takes
  // counts as moving.
  absl::Status CheckResults(
      absl::FunctionRef<absl::string_view(int index)> result);

  // Adds time spent moving payloads, by this process or its workers.
  void AddMoveNs(int64_t ns) { move_ns_ += ns; }

  // Sets `result`'s payload bytes and move time.
  void Count(BatchResult& result) const;

  // Damages one byte of a task's argument in this process, where the
  // channel takes it from, when EXECBENCH_DAMAGE_PAYLOAD asks for it.
  void DamageArgumentForTest();

  // Damages one byte of a task's payload of `kind` in a channel, which
  // `bytes` gives by task, when EXECBENCH_DAMAGE_PAYLOAD asks for it.
  void DamageForTest(
      PayloadKind kind,
      absl::FunctionRef<absl::Span<char>(int index)> bytes) const;

 private:
  const int tasks_;
  const PayloadSizes sizes_;
  const uint64_t seed_;
  std::vector<char> arguments_;  // task i's at i * argument_bytes
  int64_t move_ns_ = 0;
  // What EXECBENCH_DAMAGE_PAYLOAD asks to damage; damaged_task_ -1: nothing.
  PayloadKind damaged_kind_ = PayloadKind::kArgument;
  int damaged_task_ = -1;
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_PAYLOAD_BATCH_H_
