// InProcessPayloads: the channel of executors whose workers are threads of
// the calling process (executors/task_payloads.h). Arguments are the
// caller's own bytes, made before the batch (PayloadBatch) and handed to
// each task by reference, with no copy; each task writes its result into
// memory the caller owns, allocated before the batch; the caller checks
// every result after the last task, inside the timed region, as a process
// pool's parent does.

#ifndef EXECBENCH_EXECUTORS_IN_PROCESS_PAYLOADS_H_
#define EXECBENCH_EXECUTORS_IN_PROCESS_PAYLOADS_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "core/batch_result.h"
#include "core/workload.h"
#include "executors/payload_batch.h"
#include "executors/task_payloads.h"

namespace execbench {

class InProcessPayloads final : private TaskChannel {
 public:
  // The payloads of a batch of `tasks` of `workload`, if its spec carries
  // payload sizes; call before the batch starts.
  InProcessPayloads(Workload& workload, int tasks);

  // What the workers run: `workload`, or with payloads its tasks with them.
  Workload& workload() { return tasks_ ? *tasks_ : workload_; }

  // Checks every task's result, after the last task; OK without payloads.
  absl::Status CheckResults();

  // Sets `result`'s payload counters.
  void Count(BatchResult& result);

 private:
  absl::string_view Argument(int index) override;
  absl::Span<char> Result(int index) override;

  Workload& workload_;
  PayloadBatch batch_;
  std::vector<char> results_;  // task i's at i * result_bytes
  std::optional<PayloadTasks> tasks_;
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_IN_PROCESS_PAYLOADS_H_
