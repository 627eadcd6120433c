// BenchmarkName(): the one place that spells a benchmark's name,
// <Workload>/<Executor>/workers:<W>[/<key>:<value>...], which the scripts
// parse back in one function (parse_benchmark_name in
// scripts/execbench/inputs/bench_json.py). Google Benchmark appends
// /manual_time to the names of manual-time benchmarks when it reports them.

#ifndef EXECBENCH_BENCHMARKS_FAMILIES_BENCHMARK_NAME_H_
#define EXECBENCH_BENCHMARKS_FAMILIES_BENCHMARK_NAME_H_

#include <string>
#include <utility>
#include <vector>

namespace execbench {

struct BenchmarkId {
  std::string workload;
  std::string executor;
  int workers = 1;
  // Further parameters of a family, in order, such as {"task_us", "0.5"}.
  std::vector<std::pair<std::string, std::string>> params;
};

// The name the benchmark is registered under.
std::string BenchmarkName(const BenchmarkId& id);

// The name Google Benchmark reports its runs under (run_name in the JSON).
std::string ReportedName(const BenchmarkId& id);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_FAMILIES_BENCHMARK_NAME_H_
