// The executors the suite knows, by name.

#ifndef EXECBENCH_EXECUTORS_EXECUTORS_H_
#define EXECBENCH_EXECUTORS_EXECUTORS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executors/executor.h"

namespace execbench {

// In the order benchmarks are registered: Serial, Threads, Processes.
std::vector<std::string> ExecutorNames();

absl::StatusOr<std::unique_ptr<Executor>> MakeExecutor(absl::string_view name);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_EXECUTORS_H_
