// Payloads copied through a process-pool batch's shared memory.

#include "executors/pool_payloads.h"

#include <algorithm>

#include "executors/clock.h"

namespace execbench {

void SendArguments(PayloadBatch& payloads, const SharedBatch& batch) {
  if (!payloads.on()) return;
  const int64_t start = MonotonicNowNs();
  for (int i = 0; i < batch.header().tasks; ++i) {
    const absl::string_view argument = payloads.Argument(i);
    std::copy(argument.begin(), argument.end(), batch.argument(i).begin());
  }
  payloads.AddMoveNs(MonotonicNowNs() - start);
  payloads.DamageForTest(PayloadKind::kArgument,
                         [&](int index) { return batch.argument(index); });
}

absl::Status ReceiveResults(PayloadBatch& payloads, const SharedBatch& batch) {
  if (!payloads.on()) return absl::OkStatus();
  for (int w = 0; w < batch.header().workers; ++w) {
    payloads.AddMoveNs(batch.worker(w).move_ns);
  }
  payloads.DamageForTest(PayloadKind::kResult,
                         [&](int index) { return batch.result(index); });
  return payloads.CheckResults([&](int index) {
    const absl::Span<char> result = batch.result(index);
    return absl::string_view(result.data(), result.size());
  });
}

PoolWorkerChannel::PoolWorkerChannel(const SharedBatch& batch)
    : batch_(batch),
      argument_(batch.header().argument_bytes),
      result_(batch.header().result_bytes) {}

absl::string_view PoolWorkerChannel::Argument(int index) {
  const absl::Span<const char> shared = batch_.argument(index);
  std::copy(shared.begin(), shared.end(), argument_.begin());
  return absl::string_view(argument_.data(), argument_.size());
}

absl::Span<char> PoolWorkerChannel::Result(int index) {
  return absl::MakeSpan(result_);
}

void PoolWorkerChannel::ResultWritten(int index) {
  std::copy(result_.begin(), result_.end(), batch_.result(index).begin());
}

}  // namespace execbench
