// The calling process's side of a batch's payloads.

#include "executors/payload_batch.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "executors/clock.h"

namespace execbench {

PayloadBatch::PayloadBatch(const WorkloadSpec& spec, int tasks)
    : tasks_(tasks),
      sizes_(PayloadSizes::Of(spec)),
      seed_(sizes_.on() ? PayloadSeed(spec) : 0) {
  if (!sizes_.on()) return;
  arguments_.resize(static_cast<size_t>(sizes_.argument_bytes) * tasks);
  for (int i = 0; i < tasks; ++i) {
    FillPayload(seed_, i, PayloadKind::kArgument, MutableArgument(i));
  }
  if (const char* damage = std::getenv("EXECBENCH_DAMAGE_PAYLOAD")) {
    const std::pair<std::string, std::string> what =
        absl::StrSplit(damage, absl::MaxSplits(' ', 1));
    if (absl::SimpleAtoi(what.second, &damaged_task_)) {
      damaged_kind_ = what.first == "result" ? PayloadKind::kResult
                                             : PayloadKind::kArgument;
    }
  }
}

absl::string_view PayloadBatch::Argument(int index) const {
  const int64_t size = sizes_.argument_bytes;
  return absl::string_view(arguments_.data() + index * size, size);
}

absl::Span<char> PayloadBatch::MutableArgument(int index) {
  const int64_t size = sizes_.argument_bytes;
  return absl::MakeSpan(arguments_.data() + index * size, size);
}

absl::Status PayloadBatch::CheckResults(
    absl::FunctionRef<absl::string_view(int index)> result) {
  const int64_t start = MonotonicNowNs();
  absl::Status checked;
  for (int i = 0; i < tasks_ && checked.ok(); ++i) {
    const absl::string_view bytes = result(i);
    if (static_cast<int64_t>(bytes.size()) != sizes_.result_bytes) {
      checked = absl::DataLossError(
          absl::StrCat("task ", i, "'s result arrived with ", bytes.size(),
                       " bytes, not ", sizes_.result_bytes));
    } else if (const int64_t wrong =
                   FirstWrongPayloadByte(seed_, i, PayloadKind::kResult, bytes);
               wrong >= 0) {
      checked = absl::DataLossError(
          absl::StrCat("task ", i, "'s result arrived damaged: byte ", wrong,
                       " of ", bytes.size(), " differs"));
    }
  }
  move_ns_ += MonotonicNowNs() - start;
  return checked;
}

void PayloadBatch::Count(BatchResult& result) const {
  result.payload_bytes = sizes_.BatchBytes(tasks_);
  result.move_ns = move_ns_;
}

void PayloadBatch::DamageArgumentForTest() {
  DamageForTest(PayloadKind::kArgument,
                [this](int index) { return MutableArgument(index); });
}

void PayloadBatch::DamageForTest(
    PayloadKind kind,
    absl::FunctionRef<absl::Span<char>(int index)> bytes) const {
  if (kind != damaged_kind_ || damaged_task_ < 0 || damaged_task_ >= tasks_) {
    return;
  }
  if (const absl::Span<char> damaged = bytes(damaged_task_); !damaged.empty()) {
    damaged[damaged.size() / 2] ^= 0x20;
  }
}

}  // namespace execbench
