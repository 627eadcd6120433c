// BenchmarkGrid: registers one Google Benchmark per workload x executor x
// worker count, named <Workload>/<Executor>/workers:<W> (Serial at 1 only),
// and runs each as batches timed by the executor itself (manual time, so
// Google Benchmark appends /manual_time to the name).

#ifndef EXECBENCH_BENCHMARKS_BENCHMARK_GRID_H_
#define EXECBENCH_BENCHMARKS_BENCHMARK_GRID_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "benchmark/benchmark.h"
#include "benchmarks/checksum_reference.h"
#include "benchmarks/prepared_workloads.h"
#include "benchmarks/span_log.h"
#include "core/executor.h"
#include "core/workload.h"

namespace execbench {

class BenchmarkGrid {
 public:
  BenchmarkGrid(int warmup_batches, int spans_cap)
      : warmup_batches_(warmup_batches), span_log_(spans_cap) {}

  // Registers the grid's benchmarks; the grid must outlive their runs. An
  // executor unavailable here gets no rows, and none beyond its most
  // workers.
  void Register(const std::vector<int>& worker_counts);

  // Why `filter` (Google Benchmark's --benchmark_filter) selects nothing: it
  // names the unavailable executors whose rows it would match and why they
  // are unavailable. Empty when the filter matches a registered benchmark,
  // or no unavailable executor's row either.
  std::string WhyNoBenchmarkMatches(const std::string& filter) const;

  const SpanLog& span_log() const { return span_log_; }

 private:
  struct Cell {
    const WorkloadRegistration* workload;
    const ExecutorRegistration* executor;
    int workers;
    std::string run_name;  // as Google Benchmark reports it
  };

  void Run(benchmark::State& state, const Cell& cell);
  // True the first time it is asked for `name`.
  bool FirstRun(const std::string& name);

  // The reported names of the registered rows, and of the rows that
  // unavailable executors would have, with the reason.
  std::vector<std::string> registered_names_;
  std::vector<std::pair<std::string, std::string>> unavailable_names_;
  const int warmup_batches_;
  PreparedWorkloads workloads_;
  ChecksumReference checksums_;
  SpanLog span_log_;
  absl::Mutex mutex_;
  std::set<std::string> started_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_BENCHMARK_GRID_H_
