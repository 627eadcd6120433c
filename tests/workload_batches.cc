// FindRegistration() and RunWorkloadBatch().

#include "tests/workload_batches.h"

#include <memory>

#include "executors/executors.h"
#include "executors/run_batch.h"

namespace execbench {

const WorkloadRegistration* FindRegistration(absl::string_view name) {
  for (const WorkloadRegistration* registration : RegisteredWorkloads()) {
    if (registration->name == name) return registration;
  }
  return nullptr;
}

absl::StatusOr<BatchResult> RunWorkloadBatch(absl::string_view executor,
                                             const WorkloadSpec& spec,
                                             int tasks) {
  absl::StatusOr<std::unique_ptr<Executor>> made = MakeExecutor(executor);
  if (!made.ok()) return made.status();
  absl::StatusOr<std::unique_ptr<Workload>> workload = MakeWorkload(spec);
  if (!workload.ok()) return workload.status();
  if (absl::Status status = (*workload)->Prepare(); !status.ok()) {
    return status;
  }
  const int workers = (*made)->single_worker() ? 1 : 2;
  return RunBatch(**made, spec, **workload, tasks, workers);
}

}  // namespace execbench
