// Test helpers that use workloads as the benchmark grid does: find one's
// registration, and run one batch on an executor named as the suite names
// them.

#ifndef EXECBENCH_TESTS_WORKLOAD_BATCHES_H_
#define EXECBENCH_TESTS_WORKLOAD_BATCHES_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executors/batch_result.h"
#include "workloads/workload.h"
#include "workloads/workload_spec.h"

namespace execbench {

// The registration of workload `name`, or null.
const WorkloadRegistration* FindRegistration(absl::string_view name);

// Builds and prepares the workload of `spec`, then runs `tasks` tasks of it
// on `executor` ("Serial", "Threads", "Processes") with 2 workers, or 1 if
// the executor has only one.
absl::StatusOr<BatchResult> RunWorkloadBatch(absl::string_view executor,
                                             const WorkloadSpec& spec,
                                             int tasks);

}  // namespace execbench

#endif  // EXECBENCH_TESTS_WORKLOAD_BATCHES_H_
