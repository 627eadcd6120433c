// Lazy, once-per-process preparation of the grid's workloads.

#include "benchmarks/families/prepared_workloads.h"

#include <utility>

namespace execbench {
namespace {

absl::StatusOr<std::unique_ptr<PreparedWorkload>> Prepare(
    const WorkloadRegistration& workload) {
  absl::StatusOr<WorkloadRun> run = RunFromFlags(workload);
  if (!run.ok()) return run.status();
  absl::StatusOr<std::unique_ptr<Workload>> local =
      MakePreparedWorkload(run->spec);
  if (!local.ok()) return local.status();
  return std::make_unique<PreparedWorkload>(
      PreparedWorkload{std::move(*run), std::move(*local)});
}

}  // namespace

absl::StatusOr<PreparedWorkload*> PreparedWorkloads::Get(
    const WorkloadRegistration& workload) {
  absl::MutexLock lock(&mutex_);
  auto it = prepared_.find(workload.name);
  if (it == prepared_.end()) {
    it = prepared_.emplace(workload.name, Prepare(workload)).first;
  }
  if (!it->second.ok()) return it->second.status();
  return it->second->get();
}

}  // namespace execbench
