// The batch loop every benchmark of `bench` runs.

#include "benchmarks/runner/batch_loop.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "benchmarks/runner/batch_counters.h"
#include "benchmarks/runner/batch_memory.h"
#include "benchmarks/runner/cpu_ticks.h"
#include "benchmarks/runner/outcomes.h"
#include "executors/run_batch.h"

namespace execbench {

bool BatchLoop::FirstRun(const std::string& name) {
  absl::MutexLock lock(&mutex_);
  return started_.insert(name).second;
}

void BatchLoop::Run(benchmark::State& state, const BenchmarkJob& job) {
  const std::unique_ptr<Executor> executor = job.executor->make();
  const WorkloadRun& run = *job.run;
  // Settles the workload, outside the timed region, which the executor
  // measures itself, and runs one batch; `machine` gets what the machine's
  // CPUs did during the batch alone.
  auto run_batch = [&](CpuTicks& machine) -> absl::StatusOr<BatchResult> {
    if (absl::Status settled = job.workload->Settle(); !settled.ok()) {
      return settled;
    }
    const CpuTicks before = ReadCpuTicks();
    absl::StatusOr<BatchResult> batch =
        RunBatch(*executor, *job.workload, run.tasks, job.workers);
    machine = ReadCpuTicks() - before;
    return batch;
  };
  if (FirstRun(job.run_name)) {
    if (absl::Status fits =
            CheckBatchMemory(job.run_name, run, *job.executor, job.workers);
        !fits.ok()) {
      SkipBenchmark(state, fits);
      return;
    }
    for (int i = 0; i < warmup_batches_; ++i) {
      CpuTicks warmup_ticks;
      if (absl::StatusOr<BatchResult> warmup = run_batch(warmup_ticks);
          !warmup.ok()) {
        SkipBenchmark(state, warmup.status());
        return;
      }
    }
  }

  BatchCounters counters;
  BatchResult last;
  for (auto _ : state) {
    CpuTicks machine;
    absl::StatusOr<BatchResult> batch = run_batch(machine);
    if (!batch.ok()) {
      SkipBenchmark(state, batch.status());
      return;
    }
    state.SetIterationTime(batch->wall_ns * 1e-9);
    if (batch->checksums.size() != static_cast<size_t>(run.tasks)) {
      SkipBenchmark(state, absl::InternalError(absl::StrCat(
                               "returned ", batch->checksums.size(),
                               " results for ", run.tasks, " tasks")));
      return;
    }
    if (absl::Status same =
            checksums_.Check(run.spec, job.run_name, batch->checksums);
        !same.ok()) {
      SkipBenchmark(state, same);
      return;
    }
    counters.Add(*batch, machine);
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
