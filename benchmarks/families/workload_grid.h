// WorkloadGrid: registers one Google Benchmark per workload x executor x
// worker count, named <Workload>/<Executor>/workers:<W> (Serial at 1 only),
// each run by the shared BatchLoop as batches timed by the executor
// itself (manual time, so Google Benchmark appends /manual_time to the name).

#ifndef EXECBENCH_BENCHMARKS_FAMILIES_WORKLOAD_GRID_H_
#define EXECBENCH_BENCHMARKS_FAMILIES_WORKLOAD_GRID_H_

#include <vector>

#include "benchmark/benchmark.h"
#include "benchmarks/families/prepared_workloads.h"
#include "benchmarks/runner/batch_loop.h"
#include "core/executor.h"
#include "core/workload.h"

namespace execbench {

// The worker counts at which `executor` runs `workload` in the grid, and in
// every family that follows it: `worker_counts` up to the executor's
// max_workers, 1 alone for a single-worker executor, none for an executor
// that cannot run the workload.
std::vector<int> GridWorkerCounts(const ExecutorRegistration& executor,
                                  const WorkloadRegistration& workload,
                                  const std::vector<int>& worker_counts);

// Whether `executor` can run here (its availability hook's answer, or OK).
absl::Status ExecutorAvailability(const ExecutorRegistration& executor);

class WorkloadGrid {
 public:
  // `batches` runs the benchmarks; it must outlive them.
  explicit WorkloadGrid(BatchLoop& batches) : batches_(batches) {}

  // Registers the benchmarks of `workloads` (those the flags ask for,
  // CommandLine::grid_workloads) at `worker_counts`; the grid must outlive
  // their runs.
  void Register(const std::vector<const WorkloadRegistration*>& workloads,
                const std::vector<int>& worker_counts);

 private:
  struct Cell {
    const WorkloadRegistration* workload;
    const ExecutorRegistration* executor;
    int workers;
    std::string run_name;  // as Google Benchmark reports it
  };

  void Run(benchmark::State& state, const Cell& cell);

  BatchLoop& batches_;
  PreparedWorkloads workloads_;
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_FAMILIES_WORKLOAD_GRID_H_
