// Processes: a pool of W worker processes started for the batch and reaped at
// its end, the analogue of Python's ProcessPoolExecutor used as a context
// manager. Workers are forked from the fork servers (see fork_server.h), each
// rebuilds and prepares the workload from its spec (or, for a workload that
// prepares before fork, from the spec's preloaded servers, started before
// the batch's clock), then takes tasks from a
// counter in shared memory and writes results into per-task slots there, so
// results come back in task order without serialisation. Payloads travel
// through the same memory (executors/pool_payloads.h), and so do the
// messages of a workload that sends them (executors/pool_messages.h): its
// tasks' arguments and results, as bytes, made, run and received inside the
// batch's clock.
//
// Like Python's BrokenProcessPool, a failed task or a worker that dies (signal
// or exit) fails the whole batch, naming the worker, its pid, the signal or
// exit code and the task it was running; the other workers stop taking tasks.
// So does a worker that is stopped, or one still running at the batch
// timeout (executors/batch_timeout.h), which the fork server then kills.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/executor.h"
#include "executors/batch_timeout.h"
#include "executors/clock.h"
#include "executors/fork_server.h"
#include "executors/payload_batch.h"
#include "executors/pool_messages.h"
#include "executors/pool_payloads.h"
#include "executors/shared_batch.h"
#include "executors/task_runner.h"
#include "executors/worker_count.h"

namespace execbench {
namespace {

class Processes final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override;
};

absl::StatusOr<BatchResult> Processes::Run(Workload& workload, int tasks,
                                           int workers) {
  if (absl::Status count = CheckWorkerCount("Processes", workers);
      !count.ok()) {
    return count;
  }
  // The memory results come back in is allocated before the batch starts,
  // as in-process executors allocate theirs, and so are the arguments.
  PayloadBatch payloads(workload.spec(), tasks);
  PoolMessages messages(workload);
  absl::StatusOr<SharedBatch> batch =
      SharedBatch::Create(tasks, workers, DefaultTaskCpuTiming(),
                          payloads.sizes(), messages.arena_bytes());
  if (!batch.ok()) return batch.status();
  const std::string spec_text = workload.spec().Serialize();
  if (workload.prepares_before_fork()) {
    if (absl::Status preloaded = PreloadForkServers(spec_text, BatchTimeout());
        !preloaded.ok()) {
      return preloaded;
    }
  }
  const int64_t start = MonotonicNowNs();
  batch->header().start_ns = start;
  SendArguments(payloads, *batch);
  if (absl::Status sent = messages.Send(*batch); !sent.ok()) return sent;
  const absl::Status ran =
      RunPoolWorkers(*batch, spec_text, workers, BatchTimeout());
  if (!ran.ok()) return ran;
  if (std::string failure = batch->failure(); !failure.empty()) {
    return absl::AbortedError(absl::StrCat("process pool broken: ", failure));
  }
  if (absl::Status received = ReceiveResults(payloads, *batch);
      !received.ok()) {
    return received;
  }
  if (absl::Status received = messages.Receive(*batch); !received.ok()) {
    return received;
  }
  const int64_t end = MonotonicNowNs();

  BatchResult result{.workers = workers,
                     .spans = std::vector<TaskSpan>(tasks),
                     .checksums = std::vector<uint64_t>(tasks)};
  for (int i = 0; i < tasks; ++i) {
    const SharedTaskSlot& slot = batch->task(i);
    if (slot.done.load(std::memory_order_acquire) == 0) {
      return absl::InternalError(absl::StrCat("process pool lost task ", i,
                                              ": no worker reported it"));
    }
    result.spans[i] = {.start_ns = slot.start_ns,
                       .stop_ns = slot.stop_ns,
                       .worker = slot.worker,
                       .cpu_ns = slot.cpu_ns};
    result.checksums[i] = slot.checksum;
  }
  messages.FoldChecksums(result.checksums);
  int64_t last_ready = start;
  for (int w = 0; w < workers; ++w) {
    const SharedWorkerSlot& worker = batch->worker(w);
    last_ready = std::max(last_ready, worker.ready_ns);
    result.cpu_ns += worker.cpu_ns;
    result.involuntary_switches += worker.involuntary_switches;
  }
  SetBatchTimes(start, last_ready, end, result);
  payloads.Count(result);
  messages.Count(result);
  return result;
}

}  // namespace

EXECBENCH_REGISTER_EXECUTOR(
    {.name = "Processes",
     .description = "W processes forked for the batch and reaped at its end, "
                    "each rebuilding the workload (ProcessPoolExecutor)",
     .worker_processes = true,
     .make = [] { return std::make_unique<Processes>(); }});

}  // namespace execbench
