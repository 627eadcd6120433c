// The process pool's payload channel (executors/task_payloads.h): the
// argument and result areas of the batch's shared memory
// (executors/shared_batch.h). Inside the timed region the parent copies
// every task's argument into its area before the workers start; a worker
// copies its task's argument out into memory of its own, which the task
// reads, and copies the result the task wrote back into the task's result
// area; after the workers have ended the parent checks every result where
// it arrived. These copies are what a process pool adds to moving data by
// reference, as Python's pickling of arguments and results does.

#ifndef EXECBENCH_EXECUTORS_POOL_PAYLOADS_H_
#define EXECBENCH_EXECUTORS_POOL_PAYLOADS_H_

#include <vector>

#include "absl/status/status.h"
#include "executors/payload_batch.h"
#include "executors/shared_batch.h"
#include "executors/task_payloads.h"

namespace execbench {

// The parent, inside the timed region before the workers start: copies
// every task's argument into `batch`. Does nothing without payloads.
void SendArguments(PayloadBatch& payloads, const SharedBatch& batch);

// The parent, after the workers have ended: checks every task's result in
// `batch`, the first damaged one failing the batch, and adds the workers'
// time spent moving to the batch's. OK without payloads.
absl::Status ReceiveResults(PayloadBatch& payloads, const SharedBatch& batch);

// A worker's end of the channel.
class PoolWorkerChannel final : public TaskChannel {
 public:
  explicit PoolWorkerChannel(const SharedBatch& batch);

  absl::string_view Argument(int index) override;
  absl::Span<char> Result(int index) override;
  void ResultWritten(int index) override;

 private:
  const SharedBatch& batch_;
  std::vector<char> argument_;  // the current task's, copied out
  std::vector<char> result_;    // the current task's, to be copied in
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_POOL_PAYLOADS_H_
