// The process's batch timeout.

#include "executors/batch_timeout.h"

#include <atomic>
#include <cstdint>

#include "absl/strings/str_format.h"

namespace execbench {
namespace {

std::atomic<int64_t> batch_timeout_ns{
    absl::ToInt64Nanoseconds(kDefaultBatchTimeout)};

}  // namespace

absl::Duration BatchTimeout() {
  return absl::Nanoseconds(batch_timeout_ns.load(std::memory_order_relaxed));
}

void SetBatchTimeout(absl::Duration timeout) {
  batch_timeout_ns.store(absl::ToInt64Nanoseconds(timeout),
                         std::memory_order_relaxed);
}

std::string BatchTimeoutPassed(absl::Duration timeout) {
  return absl::StrFormat(
      "the batch ran past its timeout of %g s (--batch_timeout_s)",
      absl::ToDoubleSeconds(timeout));
}

}  // namespace execbench
