// RunsHere(), RegisteredExecutorNames(), RunBatchOn() and RunWorkloadBatch().

#include "tests/workload_batches.h"

#include <memory>

#include "core/executor.h"
#include "core/workload.h"
#include "executors/run_batch.h"

namespace execbench {

bool RunsHere(const ExecutorRegistration& executor, int workers) {
  if (workers > 1 && executor.single_worker) return false;
  if (executor.availability && !executor.availability().ok()) return false;
  return !executor.max_workers || workers <= executor.max_workers();
}

std::vector<std::string> RegisteredExecutorNames(absl::string_view workload) {
  absl::StatusOr<const WorkloadRegistration*> registration =
      FindWorkload(workload);
  std::vector<std::string> names;
  for (const ExecutorRegistration* executor : RegisteredExecutors()) {
    if (!RunsHere(*executor, 1) || (registration.ok() && executor->runs &&
                                    !executor->runs(**registration))) {
      continue;
    }
    names.push_back(executor->name);
  }
  return names;
}

absl::StatusOr<BatchResult> RunBatchOn(absl::string_view executor,
                                       const WorkloadSpec& spec, int tasks,
                                       int workers) {
  absl::StatusOr<const ExecutorRegistration*> registration =
      FindExecutor(executor);
  if (!registration.ok()) return registration.status();
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      MakePreparedWorkload(spec);
  if (!workload.ok()) return workload.status();
  return RunBatch(*(*registration)->make(), **workload, tasks, workers);
}

absl::StatusOr<BatchResult> RunWorkloadBatch(absl::string_view executor,
                                             const WorkloadSpec& spec,
                                             int tasks) {
  absl::StatusOr<const ExecutorRegistration*> registration =
      FindExecutor(executor);
  if (!registration.ok()) return registration.status();
  return RunBatchOn(executor, spec, tasks,
                    (*registration)->single_worker ? 1 : 2);
}

}  // namespace execbench
