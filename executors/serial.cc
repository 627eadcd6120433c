// Serial: every task in order on the calling thread; the baseline of every
// speedup.

#include "absl/strings/str_cat.h"
#include "core/executor.h"
#include "executors/clock.h"
#include "executors/in_process_payloads.h"
#include "executors/task_runner.h"

namespace execbench {
namespace {

class Serial final : public Executor {
 public:
  absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                  int workers) override {
    if (workers != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("Serial runs on 1 worker, not ", workers));
    }
    BatchResult result{.workers = 1,
                       .spans = std::vector<TaskSpan>(tasks),
                       .checksums = std::vector<uint64_t>(tasks)};
    InProcessPayloads payloads(workload, tasks);
    const int64_t start = MonotonicNowNs();
    TaskRunner runner(payloads.workload(), /*worker=*/0, start);
    for (int i = 0; i < tasks; ++i) {
      absl::Status status = runner.Run(i, result.spans[i], result.checksums[i]);
      if (!status.ok()) return status;
    }
    if (absl::Status checked = payloads.CheckResults(); !checked.ok()) {
      return checked;
    }
    SetBatchTimes(start, /*last_ready_ns=*/start, MonotonicNowNs(), result);
    payloads.Count(result);
    return result;
  }
};

}  // namespace

EXECBENCH_REGISTER_EXECUTOR({.name = "Serial",
                             .description = "every task in order on the "
                                            "calling thread: the baseline",
                             .single_worker = true,
                             .make = [] {
                               return std::make_unique<Serial>();
                             }});

}  // namespace execbench
