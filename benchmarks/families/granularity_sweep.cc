// The granularity sweep's flags, registration and points.

#include "benchmarks/families/granularity_sweep.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "benchmarks/cli/bench_flags.h"
#include "benchmarks/families/benchmark_name.h"
#include "benchmarks/families/catalogue.h"
#include "benchmarks/families/cpu_calibration.h"
#include "benchmarks/families/workload_grid.h"
#include "benchmarks/runner/outcomes.h"
#include "core/payload_sizes.h"
#include "core/suite_flag.h"
#include "core/task_slowdown.h"

EXECBENCH_FLAG(
    execbench::PositiveDecimalList, granularity_task_us,
    (execbench::PositiveDecimalList{{0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5,
                                     10, 20, 50, 100, 200, 500, 1000, 2000,
                                     5000, 10000}}),
    "Granularity: task lengths T in microseconds, one benchmark each");
EXECBENCH_FLAG(execbench::PositiveDecimal, granularity_work_ms, {100},
               "Granularity: milliseconds of work per batch per core used "
               "(min(W, cores)), the same at every T");
EXECBENCH_FLAG(execbench::WorkerCounts, granularity_workers, {},
               "Granularity: worker counts (empty: the --workers list)");
EXECBENCH_FLAG(execbench::TaskCount, granularity_max_tasks, {1'000'000},
               "Granularity: at most this many tasks per batch, which caps the "
               "work of batches of the shortest tasks");

namespace execbench {
namespace {

constexpr char kFamily[] = "Granularity";

}  // namespace

GranularitySettings GranularitySettingsFromFlags() {
  std::vector<int> worker_counts =
      absl::GetFlag(FLAGS_granularity_workers).values;
  if (worker_counts.empty()) {
    worker_counts = absl::GetFlag(FLAGS_workers).values;
  }
  return {.task_us = absl::GetFlag(FLAGS_granularity_task_us).values,
          .work_ms_per_core = absl::GetFlag(FLAGS_granularity_work_ms).value,
          .worker_counts = std::move(worker_counts),
          .max_tasks = absl::GetFlag(FLAGS_granularity_max_tasks).value};
}

int GranularityTasksPerBatch(const GranularitySettings& settings, int workers,
                             int cores, double task_us) {
  const double tasks = std::round(settings.work_ms_per_core * 1000 *
                                  std::min(workers, cores) / task_us);
  return static_cast<int>(std::clamp<double>(tasks, 1, settings.max_tasks));
}

void GranularitySweep::Register() {
  absl::StatusOr<const WorkloadRegistration*> cpu = FindWorkload("Cpu");
  if (!cpu.ok()) return;
  for (const ExecutorRegistration* executor : RegisteredExecutors()) {
    for (int workers :
         GridWorkerCounts(*executor, **cpu, settings_.worker_counts)) {
      for (double task_us : settings_.task_us) {
        const BenchmarkId id{.workload = kFamily,
                             .executor = executor->name,
                             .workers = workers,
                             .params = {{"task_us", FormatDecimal(task_us)}}};
        const Point point{executor, workers, task_us, ReportedName(id)};
        RegisterSuiteBenchmark(
            BenchmarkName(id),
            [this, point](benchmark::State& state) { Run(state, point); },
            ExecutorAvailability(*executor));
      }
    }
  }
}

absl::StatusOr<double> GranularitySweep::NsPerIteration() {
  absl::MutexLock lock(&mutex_);
  if (!ns_per_iteration_.has_value()) {
    ns_per_iteration_ = MeasureCpuNsPerIteration();
  }
  return *ns_per_iteration_;
}

absl::StatusOr<Workload*> GranularitySweep::CpuWorkload(
    const WorkloadSpec& spec) {
  absl::MutexLock lock(&mutex_);
  auto it = workloads_.find(spec.Serialize());
  if (it == workloads_.end()) {
    it = workloads_.emplace(spec.Serialize(), MakePreparedWorkload(spec)).first;
  }
  if (!it->second.ok()) return it->second.status();
  return it->second->get();
}

void GranularitySweep::Run(benchmark::State& state, const Point& point) {
  const absl::StatusOr<double> ns_per_iteration = NsPerIteration();
  if (!ns_per_iteration.ok()) {
    SkipBenchmark(
        state, absl::Status(ns_per_iteration.status().code(),
                            absl::StrCat("calibrating the Cpu loop: ",
                                         ns_per_iteration.status().message())));
    return;
  }
  const int64_t iterations = CpuIterationsFor(point.task_us, *ns_per_iteration);
  WorkloadSpec spec{.name = "Cpu",
                    .params = {{"iterations", absl::StrCat(iterations)}}};
  AddTaskSlowdown(spec);
  AddPayloadSizes(spec);
  const WorkloadRun run{
      .spec = std::move(spec),
      .tasks = GranularityTasksPerBatch(settings_, point.workers,
                                        benchmark::CPUInfo::Get().num_cpus,
                                        point.task_us),
      .counters = {{"task_us", point.task_us},
                   {"calibrated_ns_per_iteration", *ns_per_iteration},
                   {"cpu_iterations", static_cast<double>(iterations)}}};
  absl::StatusOr<Workload*> workload = CpuWorkload(run.spec);
  if (!workload.ok()) {
    SkipBenchmark(state, workload.status());
    return;
  }
  batches_.Run(state, {.run_name = point.run_name,
                       .family = kFamily,
                       .executor = point.executor,
                       .workers = point.workers,
                       .workload = *workload,
                       .run = &run});
}

}  // namespace execbench
