// The interface every workload implements, and the registry through which the
// benchmark grid finds workloads and process-pool workers rebuild them.
//
// A new workload is one file in workloads/: a Workload subclass, its flags, and
// one EXECBENCH_REGISTER_WORKLOAD(...) at namespace scope.

#ifndef EXECBENCH_WORKLOADS_WORKLOAD_H_
#define EXECBENCH_WORKLOADS_WORKLOAD_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "workloads/workload_spec.h"

namespace execbench {

// What one task does. One object serves every task of a batch in a process.
class Workload {
 public:
  virtual ~Workload() = default;

  // Makes this process ready to run tasks (inputs, library state). Called once
  // per process before the first task: outside the timed region for in-process
  // executors, inside it for process-pool workers, which must each build their
  // own inputs as Python's workers unpickle theirs.
  virtual absl::Status Prepare() { return absl::OkStatus(); }

  // Runs task `index` and returns a checksum of its result that depends only
  // on the spec and `index`, so that every executor must produce the same.
  // Called concurrently from several threads after Prepare().
  virtual absl::StatusOr<uint64_t> RunTask(int index) = 0;
};

// What the benchmark grid runs for one workload, as the flags ask.
struct WorkloadRun {
  WorkloadSpec spec;
  int tasks = 0;  // per batch
  // Workload-specific counters reported beside the common ones.
  std::map<std::string, double> counters;
};

struct WorkloadRegistration {
  std::string name;  // CamelCase; the first part of benchmark names
  std::string description;
  std::function<absl::StatusOr<std::unique_ptr<Workload>>(const WorkloadSpec&)>
      make;
  // Builds the run from the suite's flags, starting anything the workload
  // needs (a loopback server). Empty for workloads that only tests use.
  std::function<absl::StatusOr<WorkloadRun>()> from_flags;
  // Flag name -> value that --profile=seed sets: the study's own sizes.
  std::map<std::string, std::string> seed_profile;
};

// Adds a workload; returns true so that it can initialise a static.
bool RegisterWorkload(WorkloadRegistration registration);

// The registered workloads, sorted by name.
std::vector<const WorkloadRegistration*> RegisteredWorkloads();

// Builds the workload that `spec` names (not yet prepared).
absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(
    const WorkloadSpec& spec);

}  // namespace execbench

#define EXECBENCH_REGISTER_WORKLOAD(id, ...)                              \
  [[maybe_unused]] static const bool execbench_workload_registered_##id = \
      ::execbench::RegisterWorkload(__VA_ARGS__)

#endif  // EXECBENCH_WORKLOADS_WORKLOAD_H_
