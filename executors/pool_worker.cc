// The body of a process-pool worker process.

#include "executors/pool_worker.h"

#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "executors/clock.h"
#include "executors/task_claims.h"
#include "executors/task_runner.h"

namespace execbench {
namespace {

// Claims of at least this many tasks (some 10 pages of slots) have their
// slots mapped in one system call before they run: Noop/Processes, 1,000,000
// tasks, fell from 53 to 46 ns per task at 1 worker and from 29 to 25 at 2.
constexpr int kMapSlotsFromTasks = 1024;

int ReportPrepareFailure(const SharedBatch& batch, int worker,
                         const absl::Status& status) {
  batch.ReportFailure(
      absl::StrCat("worker ", worker,
                   " could not prepare its workload: ", status.message()));
  return kWorkerReportedFailure;
}

// Takes tasks from `batch` until none is left; the exit code.
int RunTasks(Workload& workload, const SharedBatch& batch, int worker) {
  SharedBatchHeader& header = batch.header();
  SharedWorkerSlot& self = batch.worker(worker);
  TaskRunner runner(workload, worker, header.start_ns, header.task_cpu_timing);
  self.ready_ns = runner.ready_ns();
  for (TaskClaim claim =
           ClaimTasks(header.next_task, header.tasks, header.workers);
       claim.begin < claim.end;
       claim = ClaimTasks(header.next_task, header.tasks, header.workers)) {
    if (claim.end - claim.begin >= kMapSlotsFromTasks) {
      batch.MapTaskSlots(claim.begin, claim.end);
    }
    for (int index = claim.begin; index < claim.end; ++index) {
      if (header.abort.load(std::memory_order_relaxed) != 0) return 0;
      self.current_task.store(index, std::memory_order_relaxed);
      SharedTaskSlot& slot = batch.task(index);
      TaskSpan span;
      absl::Status status = runner.Run(index, span, slot.checksum);
      if (!status.ok()) {
        batch.ReportFailure(status.message());
        return kWorkerReportedFailure;
      }
      slot.worker = worker;
      slot.start_ns = span.start_ns;
      slot.stop_ns = span.stop_ns;
      slot.cpu_ns = span.cpu_ns;
      slot.done.store(1, std::memory_order_release);
      self.current_task.store(-1, std::memory_order_relaxed);
    }
  }
  return 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Workload>> PrepareWorkloadFromSpec(
    absl::string_view spec_text) {
  absl::StatusOr<WorkloadSpec> spec = WorkloadSpec::Parse(spec_text);
  if (!spec.ok()) return spec.status();
  return MakePreparedWorkload(*spec);
}

int RunPoolWorker(absl::string_view spec_text, const SharedBatch& batch,
                  int worker) {
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      PrepareWorkloadFromSpec(spec_text);
  if (!workload.ok()) {
    return ReportPrepareFailure(batch, worker, workload.status());
  }
  return RunTasks(**workload, batch, worker);
}

int RunPoolWorkerOn(Workload& workload, const SharedBatch& batch, int worker) {
  if (absl::Status prepared = workload.Prepare(); !prepared.ok()) {
    return ReportPrepareFailure(batch, worker, prepared);
  }
  return RunTasks(workload, batch, worker);
}

}  // namespace execbench
