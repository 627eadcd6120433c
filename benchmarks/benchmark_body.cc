// The body shared by every benchmark of `bench`.

#include "benchmarks/benchmark_body.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "benchmarks/batch_counters.h"
#include "executors/run_batch.h"

namespace execbench {

void RegisterBatchBenchmark(const std::string& name,
                            std::function<void(benchmark::State&)> run) {
  benchmark::RegisterBenchmark(name.c_str(), std::move(run))
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
}

bool BenchmarkBody::FirstRun(const std::string& name) {
  absl::MutexLock lock(&mutex_);
  return started_.insert(name).second;
}

void BenchmarkBody::Run(benchmark::State& state, const BenchmarkJob& job) {
  const std::unique_ptr<Executor> executor = job.executor->make();
  const WorkloadRun& run = *job.run;
  auto run_batch = [&]() {
    return RunBatch(*executor, *job.workload, run.tasks, job.workers);
  };
  if (FirstRun(job.run_name)) {
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
    if (batch->checksums.size() != static_cast<size_t>(run.tasks)) {
      state.SkipWithError(absl::StrCat("returned ", batch->checksums.size(),
                                       " results for ", run.tasks, " tasks")
                              .c_str());
      return;
    }
    if (absl::Status same =
            checksums_.Check(run.spec, job.run_name, batch->checksums);
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
  span_log_.Record({.name = job.run_name,
                    .workload = job.family,
                    .executor = job.executor->name,
                    .workers = job.workers},
                   last);
}

}  // namespace execbench
