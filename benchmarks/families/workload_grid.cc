// The benchmark grid's registration, and how each cell finds its workload.

#include "benchmarks/families/workload_grid.h"

#include <string>
#include <vector>

#include "benchmarks/families/benchmark_name.h"
#include "benchmarks/families/catalogue.h"
#include "benchmarks/runner/outcomes.h"

namespace execbench {

absl::Status ExecutorAvailability(const ExecutorRegistration& executor) {
  return executor.availability ? executor.availability() : absl::OkStatus();
}

std::vector<int> GridWorkerCounts(const ExecutorRegistration& executor,
                                  const WorkloadRegistration& workload,
                                  const std::vector<int>& worker_counts) {
  if (executor.runs && !executor.runs(workload)) return {};
  // Serial, the baseline of every speedup, runs at 1 worker whatever the
  // worker counts.
  if (executor.single_worker) return {1};
  // An unavailable executor's rows are all listed, to be noted as such.
  if (!executor.max_workers || !ExecutorAvailability(executor).ok()) {
    return worker_counts;
  }
  std::vector<int> counts;
  for (int workers : worker_counts) {
    if (workers <= executor.max_workers()) counts.push_back(workers);
  }
  return counts;
}

void WorkloadGrid::Register(
    const std::vector<const WorkloadRegistration*>& workloads,
    const std::vector<int>& worker_counts) {
  for (const WorkloadRegistration* workload : workloads) {
    for (const ExecutorRegistration* executor : RegisteredExecutors()) {
      for (int workers :
           GridWorkerCounts(*executor, *workload, worker_counts)) {
        const BenchmarkId id{.workload = workload->name,
                             .executor = executor->name,
                             .workers = workers};
        const Cell cell{workload, executor, workers, ReportedName(id)};
        RegisterSuiteBenchmark(
            BenchmarkName(id),
            [this, cell](benchmark::State& state) { Run(state, cell); },
            ExecutorAvailability(*executor));
      }
    }
  }
}

void WorkloadGrid::Run(benchmark::State& state, const Cell& cell) {
  absl::StatusOr<PreparedWorkload*> workload = workloads_.Get(*cell.workload);
  if (!workload.ok()) {
    SkipBenchmark(state, workload.status());
    return;
  }
  batches_.Run(state, {.run_name = cell.run_name,
                       .family = cell.workload->name,
                       .executor = cell.executor,
                       .workers = cell.workers,
                       .workload = (*workload)->local.get(),
                       .run = &(*workload)->run});
}

}  // namespace execbench
