// The service loop of a worker rank and its part of a batch.

#include "executors/mpi_world/rank_service.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"
#include "core/payload_sizes.h"
#include "executors/clock.h"
#include "executors/fork_server.h"
#include "executors/mpi_world/clock_offset.h"
#include "executors/mpi_world/messages.h"
#include "executors/mpi_world/payload_messages.h"
#include "executors/mpi_world/world.h"
#include "executors/payload_bytes.h"
#include "executors/pool_worker.h"
#include "executors/server_children.h"
#include "executors/task_payloads.h"
#include "executors/task_runner.h"

namespace execbench::mpi {
namespace {

// Between probes of an idle rank: 200 us after a command, so that batches in
// a row start fast, doubling while nothing comes up to 2 ms, so that a rank
// idle while other benchmarks run costs well under 1% of a core (probing
// every 200 us cost 7-9% of a core on a loaded 2-vCPU VM).
constexpr int64_t kFirstIdlePauseNs = 200'000;
constexpr int64_t kLongestIdlePauseNs = 2'000'000;
// Added to the task counter on a failure, so that every rank's next take is
// past the last task.
constexpr int64_t kAbortStride = int64_t{1} << 40;

int ThisRank() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

// Takes tasks from the counter and tells rank 0 which one this rank runs,
// so that rank 0 can name it if this rank dies (see CurrentTaskSlot()).
class TaskTaker {
 public:
  TaskTaker(MPI_Win window, int rank, int64_t tasks)
      : window_(window), slot_(CurrentTaskSlot(rank)), tasks_(tasks) {}

  // Takes the next task in one round trip: a flush completes the claim, the
  // notice that this rank is taking the task after the last one it took,
  // and, before that, the notice of the last one (accumulates from one rank
  // to one location arrive in order). The notice of the task taken, if it
  // is one of the batch's, goes out without a flush.
  int64_t Take() {
    const int64_t taking = TakingTaskAfter(last_task_);
    Notify(taking);
    const int64_t one = 1;
    int64_t index = 0;
    MPI_Fetch_and_op(&one, &index, MPI_INT64_T, 0, kNextTaskSlot, MPI_SUM,
                     window_);
    MPI_Win_flush(0, window_);
    if (index < tasks_) {
      last_task_ = index;
      Notify(last_task_);
    }
    return index;
  }

 private:
  // Sets this rank's current-task slot to `value`, which MPI may read until
  // the next flush.
  void Notify(const int64_t& value) {
    MPI_Accumulate(&value, 1, MPI_INT64_T, 0, slot_, 1, MPI_INT64_T,
                   MPI_REPLACE, window_);
  }

  const MPI_Win window_;
  const int slot_;
  const int64_t tasks_;
  // The last task taken, and the origin of its notice, which MPI reads until
  // the next flush: every batch ends with one (a Take() past the last task,
  // or StopEveryRank()).
  int64_t last_task_ = kBeforeFirstTask;
};

void StopEveryRank(MPI_Win window) {
  MPI_Accumulate(&kAbortStride, 1, MPI_INT64_T, 0, kNextTaskSlot, 1,
                 MPI_INT64_T, MPI_SUM, window);
  MPI_Win_flush(0, window);
}

// Runs the tasks of `workload` that this rank takes from the counter into
// `result`; a failed task stops every rank.
void RunTasks(Workload& workload, const Command& command, MPI_Win window,
              int rank, RankResult& result) {
  TaskRunner runner(workload, command.worker, command.batch_start_ns);
  result.ready_ns = MonotonicNowNs() - command.batch_start_ns;
  TaskTaker taker(window, rank, command.tasks);
  for (int64_t index = taker.Take(); index < command.tasks;
       index = taker.Take()) {
    RanTask& task = result.tasks.emplace_back();
    task.index = static_cast<int32_t>(index);
    if (absl::Status ran = runner.Run(task.index, task.span, task.checksum);
        !ran.ok()) {
      result.failure = std::string(ran.message());
      result.tasks.pop_back();
      StopEveryRank(window);
      return;
    }
  }
}

RankResult RunBatch(const Command& command, MPI_Win window, int rank) {
  const int64_t switches_start = ProcessInvoluntarySwitches();
  const int64_t cpu_start = ProcessCpuNs();
  RankResult result;
  MPI_Win_lock_all(0, window);
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      PrepareWorkloadFromSpec(command.spec_text);
  if (!workload.ok()) {
    result.failure = absl::StrCat(
        "worker ", command.worker,
        " could not prepare its workload: ", workload.status().message());
    StopEveryRank(window);
  } else if (const PayloadSizes payloads =
                 PayloadSizes::Of((*workload)->spec());
             payloads.on()) {
    RankChannel channel(payloads.result_bytes, result.results);
    PayloadTasks tasks(**workload, channel, PayloadSeed((*workload)->spec()));
    RunTasks(tasks, command, window, rank, result);
    result.move_ns = tasks.move_ns();
  } else {
    RunTasks(**workload, command, window, rank, result);
  }
  MPI_Win_unlock_all(window);
  result.cpu_ns = ProcessCpuNs() - cpu_start;
  result.involuntary_switches = ProcessInvoluntarySwitches() - switches_start;
  return result;
}

// mpirun ends the job with SIGTERM, then SIGKILL a second later, when a
// rank died or rank 0 gave up on a batch (executors/mpi.cc): what this
// rank's tasks started ends first, then the rank, by the same signal, whose
// default action SA_RESETHAND has restored.
void EndChildrenThenDie(int signal) {
  EndChildrenBut({});
  raise(signal);
}

// Makes this rank adopt what its tasks leave running, and end it at the end
// of the job (executors/server_children.h).
void AdoptTaskOrphans() {
  AdoptOrphans();
  struct sigaction ending = {};
  ending.sa_handler = EndChildrenThenDie;
  ending.sa_flags = SA_RESETHAND;
  sigaction(SIGTERM, &ending, nullptr);
}

}  // namespace

void ServeRankZero(MPI_Win window) {
  const int rank = ThisRank();
  const pid_t launcher = getppid();
  AdoptTaskOrphans();
  int64_t pause_ns = kFirstIdlePauseNs;
  while (getppid() == launcher) {
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(0, kCommandTag, MPI_COMM_WORLD, &waiting, &status);
    if (!waiting) {
      const timespec pause = {.tv_sec = 0, .tv_nsec = pause_ns};
      nanosleep(&pause, nullptr);
      pause_ns = std::min(2 * pause_ns, kLongestIdlePauseNs);
      continue;
    }
    pause_ns = kFirstIdlePauseNs;
    Command command;
    if (!UnpackCommand(ReceiveProbed(status), command)) {
      MPI_Abort(MPI_COMM_WORLD, 1);  // not rank 0's binary: nothing to serve
    }
    switch (command.kind) {
      case CommandKind::kClockPings:
        AnswerClockPings();
        break;
      case CommandKind::kBatch:
        SendBytes(PackResult(RunBatch(command, window, rank)), 0, kResultTag);
        // What the batch's tasks left running, after its time.
        EndChildrenBut(ForkServerPids());
        break;
      case CommandKind::kExit:
        MPI_Win_free(&window);
        MPI_Finalize();
        std::exit(0);
    }
  }
  _exit(1);  // mpirun is gone
}

}  // namespace execbench::mpi
