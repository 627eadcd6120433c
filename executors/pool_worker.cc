// The body of a process-pool worker process.

#include "executors/pool_worker.h"

#include <atomic>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "executors/payload_bytes.h"
#include "executors/pool_messages.h"
#include "executors/pool_payloads.h"
#include "executors/task_claims.h"
#include "executors/task_payloads.h"
#include "executors/task_runner.h"

namespace execbench {

absl::StatusOr<std::unique_ptr<Workload>> PrepareWorkloadFromSpec(
    absl::string_view spec_text) {
  absl::StatusOr<WorkloadSpec> spec = WorkloadSpec::Parse(spec_text);
  if (!spec.ok()) return spec.status();
  return MakePreparedWorkload(*spec);
}

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

// Takes tasks of `workload` from `batch` as worker `worker` until none is
// left or the batch has failed; returns the process's exit code.
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

// Runs the tasks of a prepared workload, as messages when the batch carries
// them, through the batch's payload channel when tasks carry payloads; the
// process's exit code.
int RunPreparedWorker(Workload& workload, const SharedBatch& batch,
                      int worker) {
  const SharedBatchHeader& header = batch.header();
  std::optional<MessageTasks> messages;
  if (header.message_arena_bytes > 0) messages.emplace(workload, batch);
  Workload& tasks = messages ? *messages : workload;
  int code = 0;
  if (header.argument_bytes == 0 && header.result_bytes == 0) {
    code = RunTasks(tasks, batch, worker);
  } else {
    PoolWorkerChannel channel(batch);
    PayloadTasks payload_tasks(tasks, channel, PayloadSeed(workload.spec()));
    code = RunTasks(payload_tasks, batch, worker);
    batch.worker(worker).move_ns = payload_tasks.move_ns();
  }
  if (messages) batch.worker(worker).message_move_ns = messages->move_ns();
  return code;
}

}  // namespace

int RunPoolWorker(absl::string_view spec_text, const SharedBatch& batch,
                  int worker) {
  absl::StatusOr<WorkloadSpec> spec = WorkloadSpec::Parse(spec_text);
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      spec.ok() ? MakeWorkload(*spec) : spec.status();
  if (!workload.ok()) {
    return ReportPrepareFailure(batch, worker, workload.status());
  }
  return RunPoolWorkerOn(**workload, batch, worker);
}

int RunPoolWorkerOn(Workload& workload, const SharedBatch& batch, int worker) {
  const absl::Status prepared = batch.header().message_arena_bytes > 0
                                    ? workload.PrepareToRunMessages()
                                    : workload.Prepare();
  if (!prepared.ok()) return ReportPrepareFailure(batch, worker, prepared);
  return RunPreparedWorker(workload, batch, worker);
}

}  // namespace execbench
