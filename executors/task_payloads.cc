// Tasks that receive an argument and return a result.

#include "executors/task_payloads.h"

#include <utility>

#include "executors/clock.h"
#include "executors/payload_bytes.h"

namespace execbench {

PayloadTasks::PayloadTasks(Workload& inner, TaskChannel& channel, uint64_t seed)
    : inner_(inner), channel_(channel), seed_(seed) {}

uint64_t PayloadTasks::TakeArgument(int index) {
  return PayloadChecksum(channel_.Argument(index));
}

void PayloadTasks::GiveResult(int index) {
  FillPayload(seed_, index, PayloadKind::kResult, channel_.Result(index));
  channel_.ResultWritten(index);
}

absl::StatusOr<uint64_t> PayloadTasks::RunTask(int index) {
  const int64_t start = MonotonicNowNs();
  const uint64_t argument = TakeArgument(index);
  const int64_t taken = MonotonicNowNs();
  absl::StatusOr<uint64_t> checksum = inner_.RunTask(index);
  if (!checksum.ok()) return checksum;
  const int64_t ran = MonotonicNowNs();
  GiveResult(index);
  move_ns_.fetch_add(taken - start + MonotonicNowNs() - ran,
                     std::memory_order_relaxed);
  return WithArgumentChecksum(*checksum, argument);
}

AsyncWorkload* PayloadTasks::async() {
  return inner_.async() == nullptr ? nullptr : this;
}

bool PayloadTasks::uses_io_uring() const {
  return inner_.async()->uses_io_uring();
}

void PayloadTasks::StartTask(int index, AsyncIo& io, AsyncTaskDone done) {
  const int64_t start = MonotonicNowNs();
  const uint64_t argument = TakeArgument(index);
  move_ns_.fetch_add(MonotonicNowNs() - start, std::memory_order_relaxed);
  inner_.async()->StartTask(
      index, io,
      [this, index, argument,
       done = std::move(done)](absl::StatusOr<uint64_t> checksum) mutable {
        if (checksum.ok()) {
          const int64_t ran = MonotonicNowNs();
          GiveResult(index);
          move_ns_.fetch_add(MonotonicNowNs() - ran, std::memory_order_relaxed);
          checksum = WithArgumentChecksum(*checksum, argument);
        }
        done(std::move(checksum));
      });
}

}  // namespace execbench
