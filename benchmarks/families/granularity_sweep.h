// GranularitySweep: the family Granularity/<Executor>/workers:<W>/task_us:<T>,
// from which scripts/execbench/analysis/metg.py computes each executor's
// minimum effective task granularity, METG(50%), as Task Bench defines it.
//
// Every batch holds about the same total work, --granularity_work_ms per
// core used (min(W, cores)), cut into Cpu tasks calibrated to last T
// microseconds each: large T, few long tasks; small T, many short ones, until
// each executor's own cost per task dominates. The loop is calibrated once
// per process, before the first benchmark of the family runs.

#ifndef EXECBENCH_BENCHMARKS_FAMILIES_GRANULARITY_SWEEP_H_
#define EXECBENCH_BENCHMARKS_FAMILIES_GRANULARITY_SWEEP_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "benchmark/benchmark.h"
#include "benchmarks/runner/batch_loop.h"
#include "core/executor.h"
#include "core/flag_types.h"
#include "core/workload.h"

ABSL_DECLARE_FLAG(execbench::PositiveDecimalList, granularity_task_us);
ABSL_DECLARE_FLAG(execbench::PositiveDecimal, granularity_work_ms);
ABSL_DECLARE_FLAG(execbench::WorkerCounts, granularity_workers);
ABSL_DECLARE_FLAG(execbench::TaskCount, granularity_max_tasks);

namespace execbench {

struct GranularitySettings {
  std::vector<double> task_us;  // T of each point, as named
  double work_ms_per_core = 100;
  std::vector<int> worker_counts;
  int max_tasks = 1'000'000;  // per batch
};

// The settings the --granularity_* flags ask for (--workers when
// --granularity_workers is not given).
GranularitySettings GranularitySettingsFromFlags();

// Tasks per batch: round(work_ms_per_core x 1000 x min(workers, cores) /
// task_us), at least 1 and at most max_tasks.
int GranularityTasksPerBatch(const GranularitySettings& settings, int workers,
                             int cores, double task_us);

class GranularitySweep {
 public:
  // `batches` runs the benchmarks; it must outlive them.
  GranularitySweep(BatchLoop& batches, GranularitySettings settings)
      : batches_(batches), settings_(std::move(settings)) {}

  // Registers the family for every registered executor at the settings'
  // worker counts (--granularity_workers, or else --workers); the sweep must
  // outlive the runs.
  void Register();

 private:
  struct Point {
    const ExecutorRegistration* executor;
    int workers;
    double task_us;
    std::string run_name;  // as Google Benchmark reports it
  };

  void Run(benchmark::State& state, const Point& point);
  // The Cpu loop's ns per iteration, measured on the first call.
  absl::StatusOr<double> NsPerIteration();
  // The Cpu workload of `iterations` per task, prepared on first use.
  absl::StatusOr<Workload*> CpuWorkload(const WorkloadSpec& spec);

  BatchLoop& batches_;
  const GranularitySettings settings_;
  absl::Mutex mutex_;
  std::optional<absl::StatusOr<double>> ns_per_iteration_
      ABSL_GUARDED_BY(mutex_);
  std::map<std::string, absl::StatusOr<std::unique_ptr<Workload>>> workloads_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_FAMILIES_GRANULARITY_SWEEP_H_
