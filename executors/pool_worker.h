// What a process-pool worker process does once forked: rebuild the workload
// from its spec (as Mpi's worker ranks do too), prepare it (for messages,
// PrepareToRunMessages()), then take tasks from the shared batch until none
// is left or the batch has failed, as messages when the workload sends them
// (executors/pool_messages.h), with their payloads when the batch carries
// them (executors/pool_payloads.h).

#ifndef EXECBENCH_EXECUTORS_POOL_WORKER_H_
#define EXECBENCH_EXECUTORS_POOL_WORKER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/workload.h"
#include "executors/shared_batch.h"

namespace execbench {

// A worker's exit code after it has reported a failure in the batch.
inline constexpr int kWorkerReportedFailure = 3;

// Rebuilds the workload that `spec_text` (WorkloadSpec::Serialize()) names and
// prepares it, as every worker in another process does inside the batch.
absl::StatusOr<std::unique_ptr<Workload>> PrepareWorkloadFromSpec(
    absl::string_view spec_text);

// Runs worker `worker` of `batch`; returns the process's exit code.
int RunPoolWorker(absl::string_view spec_text, const SharedBatch& batch,
                  int worker);

// The same, with the workload that a preloaded server built before it forked
// this worker (executors/fork_server.h), which the worker still prepares.
int RunPoolWorkerOn(Workload& workload, const SharedBatch& batch, int worker);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_POOL_WORKER_H_
