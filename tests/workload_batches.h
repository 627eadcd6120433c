// Test helpers that run batches as the benchmark grid does: build and
// prepare a workload from its spec, then run it on an executor named as the
// suite names them.

#ifndef EXECBENCH_TESTS_WORKLOAD_BATCHES_H_
#define EXECBENCH_TESTS_WORKLOAD_BATCHES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/batch_result.h"
#include "core/executor.h"
#include "core/workload_spec.h"

namespace execbench {

// True when `executor` is available here and takes `workers` workers (Mpi
// only under mpirun, with fewer workers than ranks).
bool RunsHere(const ExecutorRegistration& executor, int workers);

// The names of every registered executor that runs workload `workload` and
// is available here (not Mpi without mpirun).
std::vector<std::string> RegisteredExecutorNames(absl::string_view workload);

// Runs `tasks` tasks of the workload of `spec` on `executor` with `workers`
// workers.
absl::StatusOr<BatchResult> RunBatchOn(absl::string_view executor,
                                       const WorkloadSpec& spec, int tasks,
                                       int workers);

// The same with 2 workers, or 1 if the executor has only one.
absl::StatusOr<BatchResult> RunWorkloadBatch(absl::string_view executor,
                                             const WorkloadSpec& spec,
                                             int tasks);

}  // namespace execbench

#endif  // EXECBENCH_TESTS_WORKLOAD_BATCHES_H_
