// Timing the Cpu workload's loop.

#include "benchmarks/families/cpu_calibration.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/workload.h"
#include "executors/clock.h"

namespace execbench {
namespace {

// About 4 ms per try at 2 ns per iteration: long enough for the clock, short
// enough that a try rarely meets a preemption; the median drops those that
// do.
constexpr int64_t kIterationsPerTry = 2'000'000;
constexpr int kTries = 7;

}  // namespace

absl::StatusOr<double> MeasureCpuNsPerIteration() {
  absl::StatusOr<std::unique_ptr<Workload>> cpu = MakePreparedWorkload(
      {.name = "Cpu",
       .params = {{"iterations", absl::StrCat(kIterationsPerTry)}}});
  if (!cpu.ok()) return cpu.status();
  std::vector<int64_t> tries_ns;
  for (int i = 0; i < kTries; ++i) {
    const int64_t start = MonotonicNowNs();
    if (absl::StatusOr<uint64_t> ran = (*cpu)->RunTask(i); !ran.ok()) {
      return ran.status();
    }
    tries_ns.push_back(MonotonicNowNs() - start);
  }
  std::nth_element(tries_ns.begin(), tries_ns.begin() + kTries / 2,
                   tries_ns.end());
  return static_cast<double>(tries_ns[kTries / 2]) / kIterationsPerTry;
}

int64_t CpuIterationsFor(double task_us, double ns_per_iteration) {
  return std::max<int64_t>(1, std::llround(task_us * 1000 / ns_per_iteration));
}

}  // namespace execbench
