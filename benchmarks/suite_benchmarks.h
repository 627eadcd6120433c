// The catalogue of the suite's benchmarks: every benchmark bench registers
// goes through RegisterSuiteBenchmark(), which registers it with Google
// Benchmark (timed by the executor: manual time, in milliseconds) and keeps
// its name, so that bench can tell before running anything whether
// --benchmark_filter selects any benchmark, and exit 2 when it does not.

#ifndef EXECBENCH_BENCHMARKS_SUITE_BENCHMARKS_H_
#define EXECBENCH_BENCHMARKS_SUITE_BENCHMARKS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"

namespace execbench {

// Registers benchmark `name` (as BenchmarkName() spells it) running `body`,
// or, when `available` is not OK (its executor cannot run here: Mpi without
// mpirun), only notes it and why, to explain a filter that selects nothing
// else.
void RegisterSuiteBenchmark(const std::string& name,
                            std::function<void(benchmark::State&)> body,
                            const absl::Status& available = absl::OkStatus());

// How many registered benchmarks `filter` selects, as Google Benchmark
// selects them (a POSIX extended regular expression searched in the name; a
// leading '-' negates it; "" and "all" select everything), or
// InvalidArgumentError when it does not compile.
absl::StatusOr<int> CountSelected(const std::string& filter);

// Why the benchmarks `filter` selects among those that cannot run here are
// unavailable, one reason each, joined with "; "; "" when it selects none.
std::string UnavailableReasons(const std::string& filter);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_SUITE_BENCHMARKS_H_
