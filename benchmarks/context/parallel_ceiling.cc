// Measuring the machine's parallel ceiling with the Cpu workload's loop.

#include "benchmarks/context/parallel_ceiling.h"

#include <valgrind/valgrind.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "core/workload.h"
#include "executors/clock.h"

namespace execbench {
namespace {

constexpr int kTrials = 3;
constexpr char kIterations[] = "10000000";  // about 20 ms on a 3 GHz core

// Wall time of `threads` threads each running one Cpu task at once.
int64_t TimeConcurrentLoops(Workload& loop, int threads) {
  const int64_t start = MonotonicNowNs();
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([&loop, t] { (void)loop.RunTask(t); });
  }
  for (std::thread& thread : running) thread.join();
  return MonotonicNowNs() - start;
}

// Under valgrind, which runs one thread at a time, the ceiling would measure
// valgrind, and its loops would take most of a short run's time.
std::string CeilingHere() {
  if (RUNNING_ON_VALGRIND) return "not measured under valgrind";
  return absl::StrFormat(
      "%.3f", MeasureParallelCeiling(benchmark::CPUInfo::Get().num_cpus));
}

}  // namespace

double MeasureParallelCeiling(int cores) {
  absl::StatusOr<std::unique_ptr<Workload>> loop = MakePreparedWorkload(
      {.name = "Cpu", .params = {{"iterations", kIterations}}});
  if (!loop.ok() || cores < 1) return 0;
  std::vector<double> ceilings;
  for (int trial = 0; trial < kTrials; ++trial) {
    const int64_t one = TimeConcurrentLoops(**loop, 1);
    const int64_t all = TimeConcurrentLoops(**loop, cores);
    ceilings.push_back(static_cast<double>(cores) * one / all);
  }
  std::sort(ceilings.begin(), ceilings.end());
  return ceilings[kTrials / 2];
}

ContextEntries ParallelCeilingAtStart() {
  return {{"execbench_parallel_ceiling_start", CeilingHere()}};
}

ContextEntries ParallelCeilingAtEnd() {
  return {{"execbench_parallel_ceiling_end", CeilingHere()}};
}

}  // namespace execbench
