// Payloads handed by reference between a caller and its threads.

#include "executors/in_process_payloads.h"

namespace execbench {

InProcessPayloads::InProcessPayloads(Workload& workload, int tasks)
    : workload_(workload), batch_(workload.spec(), tasks) {
  if (!batch_.on()) return;
  results_.resize(static_cast<size_t>(batch_.sizes().result_bytes) * tasks);
  tasks_.emplace(workload, static_cast<TaskChannel&>(*this), batch_.seed());
  batch_.DamageArgumentForTest();
}

absl::string_view InProcessPayloads::Argument(int index) {
  return batch_.Argument(index);
}

absl::Span<char> InProcessPayloads::Result(int index) {
  const int64_t size = batch_.sizes().result_bytes;
  return absl::MakeSpan(results_.data() + index * size, size);
}

absl::Status InProcessPayloads::CheckResults() {
  if (!batch_.on()) return absl::OkStatus();
  batch_.DamageForTest(PayloadKind::kResult,
                       [this](int index) { return Result(index); });
  return batch_.CheckResults([this](int index) {
    const absl::Span<char> result = Result(index);
    return absl::string_view(result.data(), result.size());
  });
}

void InProcessPayloads::Count(BatchResult& result) {
  if (!batch_.on()) return;
  batch_.AddMoveNs(tasks_->move_ns());
  batch_.Count(result);
}

}  // namespace execbench
