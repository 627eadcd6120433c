// CheckBatchMemory(): whether a benchmark's batch fits in the memory
// available, asked before its first batch, so that a batch too big for the
// machine fails alone with what it needs rather than bringing in the OOM
// killer, which would end the whole run.

#ifndef EXECBENCH_BENCHMARKS_RUNNER_BATCH_MEMORY_H_
#define EXECBENCH_BENCHMARKS_RUNNER_BATCH_MEMORY_H_

#include <string>

#include "absl/status/status.h"
#include "core/executor.h"
#include "core/workload.h"

namespace execbench {

// OK if a batch of `run` on `workers` workers of `executor` fits: its
// bookkeeping (kBatchBytesPerTask a task), what its running tasks hold (at
// most `workers` at once), and what each worker process builds, for
// executors whose workers are processes. What the benchmark's own process
// built is already in use. Otherwise ResourceExhaustedError naming
// `benchmark`.
absl::Status CheckBatchMemory(const std::string& benchmark,
                              const WorkloadRun& run,
                              const ExecutorRegistration& executor,
                              int workers);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_RUNNER_BATCH_MEMORY_H_
