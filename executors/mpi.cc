// Mpi: the batch runs on W worker ranks of the MPI world that
// `mpirun -n K bench` started (see mpi_world/world.h): rank 0 sends each of
// them the workload's spec, they rebuild and prepare it inside the timed
// region, as process-pool workers do, and take tasks from a one-sided counter
// in rank 0's window (MPI_Fetch_and_op: shared memory on one host, emulated
// over TCP across hosts); each sends back its spans, already on rank 0's clock,
// its checksums, and its CPU time and involuntary context switches during the
// batch, which count in the batch's as worker processes' do. Payloads
// travel as messages (mpi_world/payload_messages.h). Ranks are
// started once per run, not per batch: mpirun and MPI_Init are reported as
// a one-off cost in the run context.
//
// A failed task fails the batch, naming the rank, its host and the task, and
// the other ranks stop taking tasks. A rank that dies (a signal) makes
// mpirun end the whole job, as Open MPI 4.1 has no recovery from a lost
// process (no ULFM): rank 0 notices the death first (on its host, from
// /proc; across hosts, from mpirun's SIGTERM), prints one line naming the
// dead rank, its host and its task (or the task before, if the notice of
// the one it took had not arrived), and exits at once. So it does for a
// rank of its host that was stopped, and for ranks that have not answered
// by the batch timeout (executors/batch_timeout.h), such as a stopped rank
// of another host or one whose task never ends. mpirun then ends the other
// ranks with SIGTERM, and each ends the processes its tasks started before
// it dies (mpi_world/rank_service.h).

#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "core/executor.h"
#include "executors/batch_timeout.h"
#include "executors/clock.h"
#include "executors/mpi_world/messages.h"
#include "executors/mpi_world/payload_messages.h"
#include "executors/mpi_world/world.h"
#include "executors/payload_batch.h"
#include "executors/proc_stat.h"
#include "executors/task_runner.h"

namespace execbench {
namespace {

// Between probes of rank 0 for results.
constexpr timespec kResultPause = {.tv_sec = 0, .tv_nsec = 50'000};
// How often rank 0 looks for dead ranks on its host: every ~1 ms, well before
// mpirun's SIGTERM (it waits odls_base_sigkill_timeout, 1 s) and SIGKILL.
constexpr int kProbesPerLivenessCheck = 20;

std::atomic<bool> termination_requested{false};

void NoteTermination(int) { termination_requested = true; }

// Catches mpirun's SIGTERM while a batch runs.
class TerminationWatch {
 public:
  TerminationWatch() {
    termination_requested = false;
    struct sigaction action = {};
    action.sa_handler = NoteTermination;
    sigaction(SIGTERM, &action, &previous_);
  }
  ~TerminationWatch() { sigaction(SIGTERM, &previous_, nullptr); }

 private:
  struct sigaction previous_;
};

int WorkerCount() {
  const mpi::World* world = mpi::ThisWorld();
  return world == nullptr ? 0 : static_cast<int>(world->ranks.size()) - 1;
}

absl::Status Availability() {
  if (mpi::ThisWorld() != nullptr) return absl::OkStatus();
  return absl::UnavailableError(
      "Mpi needs mpirun: mpirun -n 3 build/bench --benchmark_filter=/Mpi/");
}

bool SameHost(const mpi::RankInfo& rank) {
  return rank.host == mpi::ThisWorld()->ranks[0].host;
}

// The ranks among 1 .. workers that run on this host and are in `state`.
std::vector<int> RanksHere(int workers, bool (*state)(pid_t)) {
  const mpi::World& world = *mpi::ThisWorld();
  std::vector<int> ranks;
  for (int rank = 1; rank <= workers; ++rank) {
    if (SameHost(world.ranks[rank]) && state(world.ranks[rank].pid)) {
      ranks.push_back(rank);
    }
  }
  return ranks;
}

// The batch cannot go on: prints "Mpi batch broken: " and `why`, then each
// of `ranks` with its host, pid, `verb` and the task it ran, and exits. A
// rank that died makes mpirun end the job; one that was stopped or does not
// answer holds rank 0's next batch (its window lock): either way, the job
// cannot run another batch.
[[noreturn]] void ReportBrokenJob(absl::string_view why,
                                  const std::vector<int>& ranks,
                                  absl::string_view verb) {
  const mpi::World& world = *mpi::ThisWorld();
  // Rank 0's own memory of the window: no MPI call, which could block on the
  // rank at fault.
  const volatile int64_t* slots = world.window_slots;
  std::vector<std::string> lines;
  for (int rank : ranks) {
    const mpi::RankInfo& info = world.ranks[rank];
    lines.push_back(absl::StrCat(
        "rank ", rank, " (host ", info.host, ", pid ", info.pid, ") ", verb,
        " ", mpi::DescribeCurrentTask(slots[mpi::CurrentTaskSlot(rank)])));
  }
  std::fprintf(stderr, "Mpi batch broken: %s%s\n", std::string(why).c_str(),
               absl::StrJoin(lines, "; ").c_str());
  std::fflush(stderr);
  _exit(1);
}

// Collects one result from each of ranks 1 .. workers, answering their
// requests for payload arguments and sleeping between probes, until
// `deadline_ns`. A rank of this host that died or was stopped, mpirun's
// SIGTERM, or the deadline ends the job (ReportBrokenJob).
std::vector<mpi::RankResult> CollectResults(int workers, int64_t deadline_ns,
                                            PayloadBatch& payloads) {
  std::vector<mpi::RankResult> results(workers);
  std::vector<bool> answered(workers, false);
  int64_t probes = 0;
  for (int received = 0; received < workers;) {
    int ready = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, mpi::kResultTag, MPI_COMM_WORLD, &ready,
               &status);
    if (ready) {
      // With payloads the message carries the rank's results: moving them.
      const int64_t receiving = payloads.on() ? MonotonicNowNs() : 0;
      const std::string bytes = mpi::ReceiveProbed(status);
      mpi::RankResult& result = results[status.MPI_SOURCE - 1];
      if (!mpi::UnpackResult(bytes, result)) {
        result.failure = "its result could not be read";
      }
      if (payloads.on()) payloads.AddMoveNs(MonotonicNowNs() - receiving);
      answered[status.MPI_SOURCE - 1] = true;
      ++received;
      continue;
    }
    if (payloads.on() && mpi::AnswerArgumentRequests(payloads)) continue;
    if (++probes % kProbesPerLivenessCheck == 0 || termination_requested) {
      if (std::vector<int> dead = RanksHere(workers, ProcessEnded);
          !dead.empty()) {
        ReportBrokenJob("", dead, "died");
      }
      if (std::vector<int> stopped = RanksHere(workers, ProcessStopped);
          !stopped.empty()) {
        ReportBrokenJob("", stopped, "was stopped,");
      }
      std::vector<int> unanswered;
      for (int rank = 1; rank <= workers; ++rank) {
        if (!answered[rank - 1]) unanswered.push_back(rank);
      }
      if (termination_requested) {
        ReportBrokenJob(
            "mpirun is ending the job (a rank died or was stopped); ",
            unanswered, "was");
      }
      if (MonotonicNowNs() >= deadline_ns) {
        ReportBrokenJob(absl::StrCat(BatchTimeoutPassed(BatchTimeout()),
                                     " without an answer from "),
                        unanswered, "which was");
      }
    }
    nanosleep(&kResultPause, nullptr);
  }
  return results;
}

void ResetWindow(const mpi::World& world) {
  std::vector<int64_t> slots(world.ranks.size() + 1, mpi::kBeforeFirstTask);
  slots[mpi::kNextTaskSlot] = 0;
  MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, world.window);
  MPI_Put(slots.data(), slots.size(), MPI_INT64_T, 0, 0, slots.size(),
          MPI_INT64_T, world.window);
  MPI_Win_unlock(0, world.window);
}

class Mpi final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override;
};

absl::StatusOr<BatchResult> Mpi::Run(Workload& workload, int tasks,
                                     int workers) {
  if (absl::Status available = Availability(); !available.ok()) {
    return available;
  }
  if (workers < 1 || workers > WorkerCount()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Mpi has ", WorkerCount(), " worker ranks (mpirun -n ",
                     WorkerCount() + 1, "), not ", workers));
  }
  static absl::Mutex batch_mutex(absl::kConstInit);
  absl::MutexLock lock(&batch_mutex);  // one batch at a time in the world
  const mpi::World& world = *mpi::ThisWorld();
  TerminationWatch watch;
  const std::string spec_text = workload.spec().Serialize();
  PayloadBatch payloads(workload.spec(), tasks);
  payloads.DamageArgumentForTest();

  const int64_t start = MonotonicNowNs();
  ResetWindow(world);
  for (int worker = 0; worker < workers; ++worker) {
    const int rank = worker + 1;
    mpi::SendBytes(
        mpi::PackCommand(
            {.kind = mpi::CommandKind::kBatch,
             .batch_start_ns = start + world.ranks[rank].start_offset.offset_ns,
             .tasks = tasks,
             .worker = worker,
             .spec_text = spec_text}),
        rank, mpi::kCommandTag);
  }
  std::vector<mpi::RankResult> results = CollectResults(
      workers, start + absl::ToInt64Nanoseconds(BatchTimeout()), payloads);
  const absl::Status checked = mpi::CheckRankResults(payloads, results);
  const int64_t end = MonotonicNowNs();

  BatchResult result{.workers = workers,
                     .spans = std::vector<TaskSpan>(tasks),
                     .checksums = std::vector<uint64_t>(tasks)};
  std::vector<bool> done(tasks, false);
  int64_t last_ready = start;
  for (int worker = 0; worker < workers; ++worker) {
    const mpi::RankResult& from = results[worker];
    const mpi::RankInfo& rank = world.ranks[worker + 1];
    if (!from.failure.empty()) {
      return absl::AbortedError(absl::StrCat("Mpi batch broken: rank ",
                                             worker + 1, " (host ", rank.host,
                                             "): ", from.failure));
    }
    for (const RanTask& task : from.tasks) {
      if (task.index < 0 || task.index >= tasks || done[task.index]) {
        return absl::InternalError(absl::StrCat("Mpi: rank ", worker + 1,
                                                " returned task ", task.index,
                                                " twice or out of range"));
      }
      done[task.index] = true;
      result.spans[task.index] = task.span;
      result.checksums[task.index] = task.checksum;
    }
    last_ready = std::max(last_ready, start + from.ready_ns);
    result.cpu_ns += from.cpu_ns;
    result.involuntary_switches += from.involuntary_switches;
    result.worker_hosts.push_back(rank.host);
  }
  for (int i = 0; i < tasks; ++i) {
    if (!done[i]) {
      return absl::InternalError(
          absl::StrCat("Mpi lost task ", i, ": no rank reported it"));
    }
  }
  if (!checked.ok()) return checked;
  SetBatchTimes(start, last_ready, end, result);
  payloads.Count(result);
  return result;
}

}  // namespace

EXECBENCH_REGISTER_EXECUTOR(
    {.name = "Mpi",
     .description =
         "W worker ranks of mpirun's job, started once per run, each "
         "rebuilding the workload (run bench under mpirun -n K for W up to "
         "K-1: mpirun -n 3 build/bench)",
     .worker_processes = true,
     .make = [] { return std::make_unique<Mpi>(); },
     .availability = Availability,
     .max_workers = WorkerCount});

}  // namespace execbench
