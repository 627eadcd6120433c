// RunBatch(): one batch on one executor, with the CPU time and involuntary
// context switches of the calling process added to what the executor
// measured (worker processes' own).

#ifndef EXECBENCH_EXECUTORS_RUN_BATCH_H_
#define EXECBENCH_EXECUTORS_RUN_BATCH_H_

#include "absl/status/statusor.h"
#include "core/batch_result.h"
#include "core/executor.h"

namespace execbench {

absl::StatusOr<BatchResult> RunBatch(Executor& executor, Workload& workload,
                                     int tasks, int workers);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_RUN_BATCH_H_
