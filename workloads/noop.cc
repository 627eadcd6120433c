// Noop: tasks that do nothing, so that a batch's time is the executor's own
// cost: starting workers, handing out tasks, collecting results. The
// checksum is the task's index.

#include <memory>

#include "absl/flags/flag.h"
#include "workloads/flag_types.h"
#include "workloads/workload.h"

ABSL_FLAG(execbench::PositiveInt, noop_tasks, {10'000},
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
}  // namespace execbench

EXECBENCH_REGISTER_WORKLOAD(
    Noop, {.name = "Noop",
           .description = "empty tasks: the executor's own per-task cost",
           .make = [](const execbench::WorkloadSpec&)
               -> absl::StatusOr<std::unique_ptr<execbench::Workload>> {
             return std::make_unique<execbench::Noop>();
           },
           .from_flags = []() -> absl::StatusOr<execbench::WorkloadRun> {
             return execbench::WorkloadRun{
                 .spec = {.name = "Noop"},
                 .tasks = absl::GetFlag(FLAGS_noop_tasks).value};
           }});
