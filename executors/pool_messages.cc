// Messages through a process-pool batch's arena.

#include "executors/pool_messages.h"

#include <algorithm>
#include <atomic>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "executors/clock.h"

namespace execbench {
namespace {

std::atomic<int64_t> message_arena_bytes{kDefaultMessageArenaBytes};

// Why `bytes` more do not fit in an arena of which `taken` are taken.
std::string DoesNotFit(absl::string_view what, int64_t bytes, int64_t taken,
                       int64_t arena) {
  return absl::StrCat(what, " of ", bytes,
                      " bytes does not fit in the process pool's message "
                      "arena of ",
                      arena, " bytes, ", taken,
                      " of them taken (--message_arena_mib)");
}

absl::string_view InArena(const SharedBatch& batch, int64_t offset,
                          int64_t bytes) {
  return absl::string_view(batch.message_arena().data() + offset, bytes);
}

}  // namespace

int64_t MessageArenaBytes() {
  return message_arena_bytes.load(std::memory_order_relaxed);
}

void SetMessageArenaBytes(int64_t bytes) {
  message_arena_bytes.store(bytes, std::memory_order_relaxed);
}

PoolMessages::PoolMessages(Workload& workload)
    : workload_(workload), on_(workload.sends_messages()) {}

int64_t PoolMessages::arena_bytes() const {
  return on_ ? MessageArenaBytes() : 0;
}

absl::Status PoolMessages::Send(const SharedBatch& batch) {
  if (!on_) return absl::OkStatus();
  const int64_t start = MonotonicNowNs();
  const absl::Span<char> arena = batch.message_arena();
  const int64_t capacity = static_cast<int64_t>(arena.size());
  int64_t taken = 0;
  for (int i = 0; i < batch.header().tasks; ++i) {
    absl::StatusOr<std::string> argument = workload_.ArgumentMessage(i);
    if (!argument.ok()) return argument.status();
    const int64_t size = static_cast<int64_t>(argument->size());
    if (size > capacity - taken) {
      return absl::ResourceExhaustedError(DoesNotFit(
          absl::StrCat("task ", i, "'s argument"), size, taken, capacity));
    }
    std::copy(argument->begin(), argument->end(), arena.begin() + taken);
    SharedMessageSlot& slot = batch.message(i);
    slot.argument_offset = taken;
    slot.argument_bytes = size;
    taken += size;
  }
  batch.header().message_arena_used.store(taken, std::memory_order_relaxed);
  bytes_ += taken;
  move_ns_ += MonotonicNowNs() - start;
  return absl::OkStatus();
}

absl::Status PoolMessages::Receive(const SharedBatch& batch) {
  if (!on_) return absl::OkStatus();
  const int64_t start = MonotonicNowNs();
  const int tasks = batch.header().tasks;
  received_.assign(tasks, 0);
  absl::Status status;
  for (int i = 0; i < tasks && status.ok(); ++i) {
    // A task that no worker reported is the caller's to name.
    if (batch.task(i).done.load(std::memory_order_acquire) == 0) continue;
    const SharedMessageSlot& slot = batch.message(i);
    absl::StatusOr<uint64_t> checksum = workload_.ReceiveMessage(
        i, InArena(batch, slot.result_offset, slot.result_bytes));
    if (checksum.ok()) {
      received_[i] = *checksum;
      bytes_ += slot.result_bytes;
    } else {
      status = checksum.status();
    }
  }
  for (int w = 0; w < batch.header().workers; ++w) {
    move_ns_ += batch.worker(w).message_move_ns;
  }
  move_ns_ += MonotonicNowNs() - start;
  return status;
}

void PoolMessages::FoldChecksums(std::vector<uint64_t>& checksums) const {
  if (!on_) return;
  for (size_t i = 0; i < checksums.size(); ++i) checksums[i] ^= received_[i];
}

void PoolMessages::Count(BatchResult& result) const {
  result.payload_bytes += bytes_;
  result.move_ns += move_ns_;
}

MessageTasks::MessageTasks(Workload& inner, const SharedBatch& batch)
    : inner_(inner), batch_(batch) {}

absl::StatusOr<uint64_t> MessageTasks::RunTask(int index) {
  SharedMessageSlot& slot = batch_.message(index);
  absl::StatusOr<std::string> result = inner_.RunMessage(
      index, InArena(batch_, slot.argument_offset, slot.argument_bytes));
  if (!result.ok()) return result.status();
  const int64_t start = MonotonicNowNs();
  const int64_t size = static_cast<int64_t>(result->size());
  const absl::Span<char> arena = batch_.message_arena();
  const int64_t capacity = static_cast<int64_t>(arena.size());
  // Room is taken before it is checked, so a result that does not fit takes
  // room that no other result then uses: the batch fails anyway.
  const int64_t offset = batch_.header().message_arena_used.fetch_add(
      size, std::memory_order_relaxed);
  if (size > capacity - offset) {
    return absl::ResourceExhaustedError(
        DoesNotFit("its result", size, std::min(offset, capacity), capacity));
  }
  std::copy(result->begin(), result->end(), arena.begin() + offset);
  slot.result_offset = offset;
  slot.result_bytes = size;
  move_ns_ += MonotonicNowNs() - start;
  return 0;
}

}  // namespace execbench
