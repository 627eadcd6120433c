// How the benchmarks of a run ended, for bench's exit code: a benchmark that
// could not run here for a reason outside the suite (absl::UnavailableError:
// an optional module missing, io_uring blocked, MPI not launched) is
// skipped; any other error is a failure. Both appear in Google Benchmark's
// output as error_occurred, a skip's message starting with "skipped: ".

#ifndef EXECBENCH_BENCHMARKS_RUNNER_OUTCOMES_H_
#define EXECBENCH_BENCHMARKS_RUNNER_OUTCOMES_H_

#include "absl/status/status.h"
#include "benchmark/benchmark.h"

namespace execbench {

inline constexpr char kSkippedPrefix[] = "skipped: ";

// Ends the benchmark of `state` with `status` (not OK), as a skip or a
// failure, and counts it.
void SkipBenchmark(benchmark::State& state, const absl::Status& status);

struct BenchmarkOutcomes {
  int failed = 0;   // runs that failed
  int skipped = 0;  // runs skipped as unavailable here
};

BenchmarkOutcomes Outcomes();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_RUNNER_OUTCOMES_H_
