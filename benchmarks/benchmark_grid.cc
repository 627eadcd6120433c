// The benchmark grid: registration, and the body of every benchmark.

#include "benchmarks/benchmark_grid.h"

#include <regex.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "benchmarks/batch_counters.h"
#include "benchmarks/benchmark_name.h"
#include "core/executor.h"
#include "executors/run_batch.h"

namespace execbench {

void BenchmarkGrid::Register(const std::vector<int>& worker_counts) {
  for (const WorkloadRegistration* workload : RegisteredWorkloads()) {
    if (!workload->from_flags) continue;
    for (const ExecutorRegistration* executor : RegisteredExecutors()) {
      const absl::Status available =
          executor->availability ? executor->availability() : absl::OkStatus();
      // Serial, the baseline of every speedup, runs at 1 worker whatever
      // the worker counts.
      const std::vector<int> counts =
          executor->single_worker ? std::vector<int>{1} : worker_counts;
      for (int workers : counts) {
        const BenchmarkId id{.workload = workload->name,
                             .executor = executor->name,
                             .workers = workers};
        if (!available.ok()) {
          unavailable_names_.emplace_back(ReportedName(id),
                                          available.message());
          continue;
        }
        if (executor->max_workers && workers > executor->max_workers()) {
          continue;
        }
        registered_names_.push_back(ReportedName(id));
        const Cell cell{workload, executor, workers, ReportedName(id)};
        benchmark::RegisterBenchmark(
            BenchmarkName(id).c_str(),
            [this, cell](benchmark::State& state) { Run(state, cell); })
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
      }
    }
  }
}

std::string BenchmarkGrid::WhyNoBenchmarkMatches(
    const std::string& filter) const {
  // Google Benchmark's own reading of the filter: POSIX extended, "all" for
  // everything, a leading '-' for the names it does not match.
  if (filter.empty() || filter == "all" || filter[0] == '-') return "";
  regex_t regex;
  if (regcomp(&regex, filter.c_str(), REG_EXTENDED | REG_NOSUB) != 0) {
    return "";
  }
  auto matches = [&](const std::string& name) {
    return regexec(&regex, name.c_str(), 0, nullptr, 0) == 0;
  };
  std::set<std::string> reasons;
  if (std::none_of(registered_names_.begin(), registered_names_.end(),
                   matches)) {
    for (const auto& [name, reason] : unavailable_names_) {
      if (matches(name)) reasons.insert(reason);
    }
  }
  regfree(&regex);
  return absl::StrJoin(reasons, "; ");
}

bool BenchmarkGrid::FirstRun(const std::string& name) {
  absl::MutexLock lock(&mutex_);
  return started_.insert(name).second;
}

void BenchmarkGrid::Run(benchmark::State& state, const Cell& cell) {
  const std::string& name = cell.run_name;
  absl::StatusOr<PreparedWorkload*> workload = workloads_.Get(*cell.workload);
  if (!workload.ok()) {
    state.SkipWithError(std::string(workload.status().message()).c_str());
    return;
  }
  const std::unique_ptr<Executor> executor = cell.executor->make();
  const WorkloadRun& run = (*workload)->run;
  auto run_batch = [&]() {
    return RunBatch(*executor, *(*workload)->local, run.tasks, cell.workers);
  };
  if (FirstRun(name)) {
    for (int i = 0; i < warmup_batches_; ++i) {
      if (absl::StatusOr<BatchResult> warmup = run_batch(); !warmup.ok()) {
        state.SkipWithError(std::string(warmup.status().message()).c_str());
        return;
      }
    }
  }

  BatchCounters counters;
  BatchResult last;
  for (auto _ : state) {
    absl::StatusOr<BatchResult> batch = run_batch();
    if (!batch.ok()) {
      state.SkipWithError(std::string(batch.status().message()).c_str());
      return;
    }
    state.SetIterationTime(batch->wall_ns * 1e-9);
    if (absl::Status same = checksums_.Check(run.spec, name, batch->checksums);
        !same.ok()) {
      state.SkipWithError(std::string(same.message()).c_str());
      return;
    }
    counters.Add(*batch);
    last = *std::move(batch);
  }
  for (const auto& [counter, value] : counters.Counters()) {
    state.counters[counter] = value;
  }
  for (const auto& [counter, value] : run.counters) {
    state.counters[counter] = value;
  }
  span_log_.Record({.name = name,
                    .workload = cell.workload->name,
                    .executor = cell.executor->name,
                    .workers = cell.workers},
                   last);
}

}  // namespace execbench
