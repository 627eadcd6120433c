// The MPI world that `mpirun -n K bench` starts: rank 0 runs the benchmarks
// and the other ranks serve it as the Mpi executor's workers, waiting for
// commands without spinning between batches (see rank_service.h).
//
// MPI is initialised only when mpirun launched the process (Open MPI sets
// OMPI_COMM_WORLD_SIZE, PMIx sets PMIX_RANK), after the fork server started,
// since MPI_Init starts threads; without mpirun nothing of MPI runs and the
// Mpi executor reports itself unavailable.
//
// Joining costs one MPI_Init, a gather of every rank's host and pid, a
// one-sided window for the task counter, and a clock-offset estimate per
// rank; mpirun's own start-up (launching K processes) comes before. Both are
// one-off costs of the run, outside every batch, and are reported in the run
// context (WorldContext()).

#ifndef EXECBENCH_EXECUTORS_MPI_WORLD_WORLD_H_
#define EXECBENCH_EXECUTORS_MPI_WORLD_WORLD_H_

#include <mpi.h>
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "executors/mpi_world/clock_offset.h"

namespace execbench::mpi {

// Slots of the one-sided window, which lives on rank 0: the next task to
// take, then what each rank is doing, by rank.
inline constexpr int kNextTaskSlot = 0;
inline int CurrentTaskSlot(int rank) { return 1 + rank; }

// A rank's current-task slot holds the task it runs (>= 0),
// kBeforeFirstTask, or TakingTaskAfter(task) from when it asks for the task
// after `task` until its notice of the one it got arrives: that notice goes
// out without a round trip of its own, and arrives with the rank's next
// claim at the latest. TakingTaskAfter(kBeforeFirstTask) is
// kBeforeFirstTask.
inline constexpr int64_t kBeforeFirstTask = -1;
inline int64_t TakingTaskAfter(int64_t task) { return -2 - task; }

// What a rank whose current-task slot holds `slot` is doing, for messages:
// "running task 6", "before its first task", or "past task 5, taking or
// running its next task".
std::string DescribeCurrentTask(int64_t slot);

struct RankInfo {
  std::string host;
  pid_t pid = 0;
  ClockOffset start_offset;  // measured when the world was joined
  ClockOffset end_offset;    // measured by ClosingWorldContext()
};

// Rank 0's view of the world.
struct World {
  std::vector<RankInfo> ranks;  // index = rank
  MPI_Win window = MPI_WIN_NULL;
  int64_t* window_slots = nullptr;  // rank 0's memory of the window
  double launch_s = -1;  // mpirun's start to this process's; -1: unknown
  double init_s = 0;     // MPI_Init and the joining above
};

// True when mpirun launched this process.
bool LaunchedByMpirun();

// Without mpirun, does nothing. With it: initialises MPI and joins the world.
// On a worker rank it then serves rank 0 until told to leave, finalizes MPI
// and exits the process: it returns only on rank 0, where leaving (telling
// the workers to exit, finalizing MPI) happens at exit().
absl::Status JoinWorldIfLaunched(int* argc, char*** argv);

// Rank 0's world, or nullptr when this process is not rank 0 of an mpirun
// launch.
World* ThisWorld();

// Context entries (mpi_*) describing the launch: ranks, hosts, start-up
// costs, clock offsets and their uncertainty; empty without mpirun.
std::map<std::string, std::string> WorldContext();

// Measures the clock offsets again, at the end of the run, and returns
// them as context entries (mpi_clock_offset_end_ns,
// mpi_clock_uncertainty_end_ns); empty without mpirun.
std::map<std::string, std::string> ClosingWorldContext();

}  // namespace execbench::mpi

#endif  // EXECBENCH_EXECUTORS_MPI_WORLD_WORLD_H_
