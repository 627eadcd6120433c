// What a Python workload does before its workers are forked.

#include "workloads/python/python_workload.h"

#include "workloads/python/interpreter.h"

namespace execbench {

absl::Status PythonWorkload::PrepareBeforeFork() {
  if (absl::Status started = StartInterpreter(); !started.ok()) return started;
  if (module_.empty()) return absl::OkStatus();
  Gil gil;
  return ImportOptionalModule(module_, remedy_);
}

}  // namespace execbench
