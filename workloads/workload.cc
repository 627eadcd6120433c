// The workload registry.

#include "workloads/workload.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace execbench {
namespace {

std::vector<WorkloadRegistration>& Registry() {
  static auto* registry = new std::vector<WorkloadRegistration>();
  return *registry;
}

}  // namespace

bool RegisterWorkload(WorkloadRegistration registration) {
  Registry().push_back(std::move(registration));
  return true;
}

std::vector<const WorkloadRegistration*> RegisteredWorkloads() {
  std::vector<const WorkloadRegistration*> all;
  for (const WorkloadRegistration& r : Registry()) all.push_back(&r);
  std::sort(all.begin(), all.end(),
            [](auto* a, auto* b) { return a->name < b->name; });
  return all;
}

absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(
    const WorkloadSpec& spec) {
  for (const WorkloadRegistration& r : Registry()) {
    if (r.name == spec.name) return r.make(spec);
  }
  std::vector<std::string> names;
  for (const WorkloadRegistration* r : RegisteredWorkloads()) {
    names.push_back(r->name);
  }
  return absl::NotFoundError(
      absl::StrCat("no workload named '", spec.name,
                   "' (known: ", absl::StrJoin(names, ", "), ")"));
}

}  // namespace execbench
