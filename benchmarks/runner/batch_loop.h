// BatchLoop: what every benchmark of `bench` does once registered, the
// grid's and the granularity sweep's alike: untimed warm-up batches the first
// time a benchmark runs, then batches timed by the executor itself (manual
// time), each batch's checksums checked against the first batch of the same
// workload spec in the process, the suite's counters, and the last batch's
// spans kept for the spans and trace files. Before each batch, outside the
// timed region, the workload settles (Workload::Settle()); before the first,
// a benchmark whose batch would not fit in memory fails (batch_memory.h).

#ifndef EXECBENCH_BENCHMARKS_RUNNER_BATCH_LOOP_H_
#define EXECBENCH_BENCHMARKS_RUNNER_BATCH_LOOP_H_

#include <functional>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "benchmark/benchmark.h"
#include "benchmarks/runner/checksum_reference.h"
#include "benchmarks/runner/span_log.h"
#include "core/executor.h"
#include "core/workload.h"

namespace execbench {

// One benchmark: a prepared workload on an executor at a worker count.
struct BenchmarkJob {
  std::string run_name;  // as Google Benchmark reports it
  std::string family;    // the name's first part: a workload, or Granularity
  const ExecutorRegistration* executor = nullptr;
  int workers = 1;
  Workload* workload = nullptr;      // prepared in this process
  const WorkloadRun* run = nullptr;  // its spec, tasks and extra counters
};

class BatchLoop {
 public:
  BatchLoop(int warmup_batches, int spans_cap)
      : warmup_batches_(warmup_batches), span_log_(spans_cap) {}

  // Runs `job` as the benchmark `state` measures; a failure, or checksums
  // that differ from the reference, ends it with SkipBenchmark().
  void Run(benchmark::State& state, const BenchmarkJob& job);

  const SpanLog& span_log() const { return span_log_; }

 private:
  // True the first time it is asked for `name`.
  bool FirstRun(const std::string& name);

  const int warmup_batches_;
  ChecksumReference checksums_;
  SpanLog span_log_;
  absl::Mutex mutex_;
  std::set<std::string> started_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_RUNNER_BATCH_LOOP_H_
