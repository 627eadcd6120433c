// PythonWorkload: what the workloads on the embedded interpreter share.
// Process pools fork their workers from a preloaded server in which
// PrepareBeforeFork() has started the interpreter and imported the modules
// the tasks need (executors/fork_server.h), as Python's forkserver with
// preload does, so that a worker starts neither.

#ifndef EXECBENCH_WORKLOADS_PYTHON_PYTHON_WORKLOAD_H_
#define EXECBENCH_WORKLOADS_PYTHON_PYTHON_WORKLOAD_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "core/workload.h"

namespace execbench {

class PythonWorkload : public Workload {
 public:
  bool prepares_before_fork() const final { return true; }

  // Starts the interpreter and imports the module, if any.
  absl::Status PrepareBeforeFork() override;

  // The same, in a process that has not run it (bench's own, for in-process
  // executors); a worker forked after it finds both done. A workload that
  // builds inputs calls it first.
  absl::Status Prepare() override { return PrepareBeforeFork(); }

 protected:
  PythonWorkload() = default;
  // Tasks import `module` ("numpy"): a missing one is a skip that says
  // `remedy` (ImportOptionalModule()).
  PythonWorkload(std::string module, std::string remedy)
      : module_(std::move(module)), remedy_(std::move(remedy)) {}

 private:
  const std::string module_;
  const std::string remedy_;
};

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_PYTHON_PYTHON_WORKLOAD_H_
