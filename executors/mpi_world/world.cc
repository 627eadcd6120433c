// Joining and leaving the MPI world, and what the run context says of it.

#include "executors/mpi_world/world.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "executors/clock.h"
#include "executors/mpi_world/messages.h"
#include "executors/mpi_world/rank_service.h"
#include "executors/proc_stat.h"

namespace execbench::mpi {
namespace {

World* world = nullptr;

// What each rank tells rank 0 when joining.
struct RankCard {
  char host[256] = {};
  int32_t pid = 0;
};

// When process `pid` started, in clock ticks since boot (/proc/PID/stat's
// 22nd field), or -1.
int64_t ProcessStartTicks(pid_t pid) {
  constexpr size_t kStartTime = 22 - kFirstFieldAfterName;
  const std::vector<std::string> fields = ProcStatFieldsAfterName(pid);
  int64_t ticks = 0;
  if (fields.size() > kStartTime &&
      absl::SimpleAtoi(fields[kStartTime], &ticks)) {
    return ticks;
  }
  return -1;
}

// mpirun's start to this process's start, when mpirun is the parent (as on
// its own host), at the kernel's clock-tick resolution; -1 otherwise.
double LaunchSeconds() {
  std::ifstream comm(absl::StrCat("/proc/", getppid(), "/comm"));
  std::string parent;
  std::getline(comm, parent);
  if (parent != "mpirun" && parent != "orterun" && parent != "mpiexec") {
    return -1;
  }
  const int64_t parent_start = ProcessStartTicks(getppid());
  const int64_t self_start = ProcessStartTicks(getpid());
  if (parent_start < 0 || self_start < 0) return -1;
  return static_cast<double>(self_start - parent_start) / sysconf(_SC_CLK_TCK);
}

std::vector<RankInfo> GatherRanks(int rank, int size) {
  RankCard card;
  gethostname(card.host, sizeof(card.host) - 1);
  card.pid = getpid();
  std::vector<RankCard> cards(rank == 0 ? size : 0);
  MPI_Gather(&card, sizeof(card), MPI_BYTE, cards.data(), sizeof(card),
             MPI_BYTE, 0, MPI_COMM_WORLD);
  std::vector<RankInfo> ranks;
  for (const RankCard& each : cards) {
    ranks.push_back({.host = each.host, .pid = each.pid});
  }
  return ranks;
}

ClockOffset MeasureOffsetOf(int rank) {
  SendBytes(PackCommand({.kind = CommandKind::kClockPings}), rank, kCommandTag);
  return MeasureClockOffset(rank);
}

void LeaveWorld() {
  for (size_t rank = 1; rank < world->ranks.size(); ++rank) {
    SendBytes(PackCommand({.kind = CommandKind::kExit}), static_cast<int>(rank),
              kCommandTag);
  }
  MPI_Win_free(&world->window);
  MPI_Finalize();
}

std::string JoinOffsets(const std::vector<RankInfo>& ranks,
                        ClockOffset RankInfo::*estimate,
                        int64_t ClockOffset::*field) {
  std::vector<int64_t> values;
  for (const RankInfo& rank : ranks) values.push_back(rank.*estimate.*field);
  return absl::StrJoin(values, ",");
}

}  // namespace

bool LaunchedByMpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

absl::Status JoinWorldIfLaunched(int* argc, char*** argv) {
  if (!LaunchedByMpirun()) return absl::OkStatus();
  const int64_t start = MonotonicNowNs();
  int provided = 0;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided) !=
      MPI_SUCCESS) {
    return absl::InternalError("MPI_Init_thread failed");
  }
  int rank = 0, size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  std::vector<RankInfo> ranks = GatherRanks(rank, size);
  int64_t* slots = nullptr;
  MPI_Win window;
  MPI_Win_allocate(rank == 0 ? (1 + size) * sizeof(int64_t) : 0,
                   sizeof(int64_t), MPI_INFO_NULL, MPI_COMM_WORLD, &slots,
                   &window);
  if (rank != 0) ServeRankZero(window);

  world = new World{.ranks = std::move(ranks),
                    .window = window,
                    .window_slots = slots,
                    .launch_s = LaunchSeconds()};
  for (int other = 1; other < size; ++other) {
    world->ranks[other].start_offset = MeasureOffsetOf(other);
  }
  world->init_s = (MonotonicNowNs() - start) * 1e-9;
  std::atexit(LeaveWorld);
  return absl::OkStatus();
}

World* ThisWorld() { return world; }

std::string DescribeCurrentTask(int64_t slot) {
  if (slot >= 0) return absl::StrCat("running task ", slot);
  if (slot == kBeforeFirstTask) return "before its first task";
  const int64_t last_task = TakingTaskAfter(slot);  // its own inverse
  return absl::StrCat("past task ", last_task,
                      ", taking or running its next task");
}

std::map<std::string, std::string> WorldContext() {
  if (world == nullptr) return {};
  std::vector<std::string> hosts;
  for (const RankInfo& rank : world->ranks) hosts.push_back(rank.host);
  std::map<std::string, std::string> context = {
      {"mpi_ranks", absl::StrCat(world->ranks.size())},
      {"mpi_hosts", absl::StrJoin(hosts, ",")},
      {"mpi_init_s", absl::StrCat(world->init_s)},
      {"mpi_clock_offset_ns", JoinOffsets(world->ranks, &RankInfo::start_offset,
                                          &ClockOffset::offset_ns)},
      {"mpi_clock_uncertainty_ns",
       JoinOffsets(world->ranks, &RankInfo::start_offset,
                   &ClockOffset::uncertainty_ns)}};
  if (world->launch_s >= 0) {
    context["mpi_launch_s"] = absl::StrCat(world->launch_s);
  }
  return context;
}

std::map<std::string, std::string> ClosingWorldContext() {
  if (world == nullptr) return {};
  for (size_t rank = 1; rank < world->ranks.size(); ++rank) {
    world->ranks[rank].end_offset = MeasureOffsetOf(static_cast<int>(rank));
  }
  return {{"mpi_clock_offset_end_ns",
           JoinOffsets(world->ranks, &RankInfo::end_offset,
                       &ClockOffset::offset_ns)},
          {"mpi_clock_uncertainty_end_ns",
           JoinOffsets(world->ranks, &RankInfo::end_offset,
                       &ClockOffset::uncertainty_ns)}};
}

}  // namespace execbench::mpi
