// The workload registry, and the message hooks of a workload that sends none.

#include "core/workload.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/payload_sizes.h"
#include "core/registry.h"
#include "core/task_slowdown.h"

namespace execbench {

using WorkloadRegistry = Registry<WorkloadRegistration>;

namespace {

absl::Status NoMessages(absl::string_view hook) {
  return absl::UnimplementedError(
      absl::StrCat(hook, "() of a workload that sends no messages"));
}

}  // namespace

absl::StatusOr<std::string> Workload::ArgumentMessage(int /*index*/) {
  return NoMessages("ArgumentMessage");
}

absl::StatusOr<std::string> Workload::RunMessage(
    int /*index*/, absl::string_view /*argument*/) {
  return NoMessages("RunMessage");
}

absl::StatusOr<uint64_t> Workload::ReceiveMessage(
    int /*index*/, absl::string_view /*result*/) {
  return NoMessages("ReceiveMessage");
}

bool RegisterWorkload(WorkloadRegistration registration) {
  return WorkloadRegistry::Add(std::move(registration));
}

std::vector<const WorkloadRegistration*> RegisteredWorkloads() {
  return WorkloadRegistry::Sorted(
      [](auto* a, auto* b) { return a->name < b->name; });
}

absl::StatusOr<const WorkloadRegistration*> FindWorkload(
    absl::string_view name) {
  return WorkloadRegistry::Find("workload", name, RegisteredWorkloads());
}

absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(
    const WorkloadSpec& spec) {
  absl::StatusOr<const WorkloadRegistration*> registration =
      FindWorkload(spec.name);
  if (!registration.ok()) return registration.status();
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      (*registration)->make(spec);
  if (!workload.ok()) return workload;
  (*workload)->spec_ = spec;
  workload = WithTaskSlowdown(spec, *std::move(workload));
  if (workload.ok()) (*workload)->spec_ = spec;
  return workload;
}

absl::StatusOr<std::unique_ptr<Workload>> MakePreparedWorkload(
    const WorkloadSpec& spec) {
  absl::StatusOr<std::unique_ptr<Workload>> workload = MakeWorkload(spec);
  if (!workload.ok()) return workload.status();
  if (absl::Status prepared = (*workload)->Prepare(); !prepared.ok()) {
    return prepared;
  }
  return workload;
}

absl::StatusOr<WorkloadRun> RunFromFlags(const WorkloadRegistration& workload) {
  absl::StatusOr<WorkloadRun> run = workload.from_flags();
  if (run.ok()) {
    run->spec.name = workload.name;
    AddTaskSlowdown(run->spec);
    AddPayloadSizes(run->spec);
  }
  return run;
}

}  // namespace execbench
