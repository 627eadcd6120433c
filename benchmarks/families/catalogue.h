// The catalogue of the suite's benchmarks: every benchmark bench registers
// goes through RegisterSuiteBenchmark(), which registers it with Google
// Benchmark (timed by the executor: manual time, in milliseconds) and keeps
// its name, so that bench can tell before running anything whether
// --benchmark_filter selects any benchmark, and exit 2 when it does not.

#ifndef EXECBENCH_BENCHMARKS_FAMILIES_CATALOGUE_H_
#define EXECBENCH_BENCHMARKS_FAMILIES_CATALOGUE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "benchmark/benchmark.h"

namespace execbench {

// Registers benchmark `name` (as BenchmarkName() spells it) running `body`,
// or, when `available` is not OK (its executor cannot run here: Mpi without
// mpirun), only notes it and why, to explain a filter that selects nothing
// else.
void RegisterSuiteBenchmark(const std::string& name,
                            std::function<void(benchmark::State&)> body,
                            const absl::Status& available = absl::OkStatus());

// OK when `filter` selects at least one registered benchmark, as Google
// Benchmark selects them (a POSIX extended regular expression searched in
// the name; a leading '-' negates it; "" and "all" select everything).
// Otherwise InvalidArgumentError saying why: `filter` is not a regular
// expression, or selects only benchmarks that cannot run here (why not), or
// none at all (how names look).
absl::Status CheckFilterSelectsAny(const std::string& filter);

// How many registered benchmarks `filter` selects, read as
// CheckFilterSelectsAny reads it; 0 when it is no regular expression.
int SelectedBenchmarkCount(const std::string& filter);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_FAMILIES_CATALOGUE_H_
