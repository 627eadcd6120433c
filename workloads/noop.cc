// Noop: tasks that do nothing, so that a batch's time is the executor's own
// cost: starting workers, handing out tasks, collecting results. The
// checksum is the task's index.

#include <memory>

#include "absl/flags/flag.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"

EXECBENCH_FLAG(execbench::TaskCount, noop_tasks, {10'000},
               "Noop: empty tasks per batch");

namespace execbench {
namespace {

class Noop final : public Workload {
 public:
  absl::StatusOr<uint64_t> RunTask(int index) override {
    return static_cast<uint64_t>(index);
  }
};

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Noop",
     .description = "empty tasks: the executor's own per-task cost",
     .make =
         [](const WorkloadSpec&) -> absl::StatusOr<std::unique_ptr<Workload>> {
       return std::make_unique<Noop>();
     },
     .from_flags = []() -> absl::StatusOr<WorkloadRun> {
       return WorkloadRun{.tasks = absl::GetFlag(FLAGS_noop_tasks).value};
     },
     .small_profile = {{"noop_tasks", "100"}}});

}  // namespace execbench
