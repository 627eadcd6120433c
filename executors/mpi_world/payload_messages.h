// Payloads (executors/task_payloads.h) as MPI messages between rank 0 and
// the worker ranks of the Mpi executor. A worker rank takes its tasks from
// the shared counter, so rank 0 cannot know in advance where an argument
// goes: a worker rank that took task i asks rank 0 for its argument
// (kArgumentRequestTag, the index) and waits for it (kArgumentTag, the
// bytes), which rank 0 sends while it waits for the batch's results. A
// task's result is kept by its rank and travels to rank 0 with the rank's
// result (RankResult::results), where rank 0 checks it.

#ifndef EXECBENCH_EXECUTORS_MPI_WORLD_PAYLOAD_MESSAGES_H_
#define EXECBENCH_EXECUTORS_MPI_WORLD_PAYLOAD_MESSAGES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "executors/mpi_world/messages.h"
#include "executors/payload_batch.h"
#include "executors/task_payloads.h"

namespace execbench::mpi {

// Rank 0: answers every argument request that has arrived; returns whether
// there was one. The time it takes counts as moving.
bool AnswerArgumentRequests(PayloadBatch& payloads);

// Rank 0, once every worker rank has answered: checks the result of every
// task that `results` (index = worker) carries, and adds the ranks' time
// spent moving. OK at once without payloads.
absl::Status CheckRankResults(PayloadBatch& payloads,
                              std::vector<RankResult>& results);

// A worker rank's end of the channel: arguments asked of rank 0, results
// appended to `results`, for `result_bytes` bytes each.
class RankChannel final : public TaskChannel {
 public:
  RankChannel(int64_t result_bytes, std::string& results);

  absl::string_view Argument(int index) override;
  absl::Span<char> Result(int index) override;
  void ResultWritten(int index) override;

 private:
  std::string argument_;      // the current task's, as received
  std::vector<char> result_;  // the current task's, to be appended
  std::string& results_;
};

}  // namespace execbench::mpi

#endif  // EXECBENCH_EXECUTORS_MPI_WORLD_PAYLOAD_MESSAGES_H_
