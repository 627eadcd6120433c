// The executor registry: names to executors.

#include "executors/executors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "executors/process_pool.h"
#include "executors/serial.h"
#include "executors/thread_pool.h"

namespace execbench {

std::vector<std::string> ExecutorNames() {
  return {"Serial", "Threads", "Processes"};
}

absl::StatusOr<std::unique_ptr<Executor>> MakeExecutor(absl::string_view name) {
  if (name == "Serial") return std::make_unique<Serial>();
  if (name == "Threads") return std::make_unique<ThreadPool>();
  if (name == "Processes") return std::make_unique<ProcessPool>();
  return absl::NotFoundError(
      absl::StrCat("no executor named '", name,
                   "' (known: ", absl::StrJoin(ExecutorNames(), ", "), ")"));
}

}  // namespace execbench
