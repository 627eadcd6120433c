// Counting skipped and failed benchmark runs.

#include "benchmarks/runner/outcomes.h"

#include <atomic>
#include <string>

#include "absl/strings/str_cat.h"

namespace execbench {
namespace {

std::atomic<int> failed{0};
std::atomic<int> skipped{0};

}  // namespace

void SkipBenchmark(benchmark::State& state, const absl::Status& status) {
  const bool unavailable = absl::IsUnavailable(status);
  (unavailable ? skipped : failed).fetch_add(1, std::memory_order_relaxed);
  const std::string message =
      absl::StrCat(unavailable ? kSkippedPrefix : "", status.message());
  state.SkipWithError(message.c_str());
}

BenchmarkOutcomes Outcomes() {
  return {.failed = failed.load(), .skipped = skipped.load()};
}

}  // namespace execbench
