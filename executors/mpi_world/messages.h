// What rank 0 and the worker ranks of the Mpi executor say to each other: the
// message tags, the commands, a batch's result, and the byte packing they
// travel in (plain memcpy: every rank runs the same binary on the same kind of
// machine). The task counter that hands out tasks is not a message but a
// one-sided window (see world.h).

#ifndef EXECBENCH_EXECUTORS_MPI_WORLD_MESSAGES_H_
#define EXECBENCH_EXECUTORS_MPI_WORLD_MESSAGES_H_

#include <mpi.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/batch_result.h"

namespace execbench::mpi {

// Message tags.
inline constexpr int kCommandTag = 1;  // rank 0 -> worker rank: a Command
inline constexpr int kResultTag = 2;   // worker rank -> rank 0: a RankResult
inline constexpr int kClockTag = 3;    // the clock ping-pong (clock_offset.h)
// With payloads (payload_messages.h): a worker rank asks rank 0 for a task's
// argument, which rank 0 sends back.
inline constexpr int kArgumentRequestTag = 4;  // worker rank -> rank 0
inline constexpr int kArgumentTag = 5;         // rank 0 -> worker rank

enum class CommandKind : int32_t {
  kBatch = 1,       // run a batch (the fields below)
  kClockPings = 2,  // answer rank 0's clock pings
  kExit = 3,        // leave the service loop and finalize
};

struct Command {
  CommandKind kind = CommandKind::kExit;
  int64_t batch_start_ns = 0;  // on the receiving rank's own clock
  int32_t tasks = 0;
  int32_t worker = 0;     // the worker index this rank is in the batch
  std::string spec_text;  // WorkloadSpec::Serialize()
};

// What a worker rank sends back after a batch.
struct RankResult {
  std::string failure;   // empty: every task it took succeeded
  int64_t ready_ns = 0;  // since the batch start: ready to take tasks
  int64_t cpu_ns = 0;    // the rank's CPU time during the batch
  int64_t involuntary_switches = 0;  // its involuntary context switches then
  std::vector<RanTask> tasks;
  // With payloads: the result of each of `tasks`, in that order, end to end,
  // and the rank's time spent moving payloads.
  std::string results;
  int64_t move_ns = 0;
};

std::string PackCommand(const Command& command);
bool UnpackCommand(absl::string_view bytes, Command& command);
std::string PackResult(const RankResult& result);
bool UnpackResult(absl::string_view bytes, RankResult& result);

// Sends `bytes` to `rank` with `tag`.
void SendBytes(absl::string_view bytes, int rank, int tag);

// Receives the message that MPI_Iprobe or MPI_Probe found (`status`).
std::string ReceiveProbed(const MPI_Status& status);

}  // namespace execbench::mpi

#endif  // EXECBENCH_EXECUTORS_MPI_WORLD_MESSAGES_H_
