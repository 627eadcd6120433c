// RunShell(): runs `/bin/sh ARGUMENTS` to its end in this thread, reading its
// output as it comes, or until a timeout passes, when it is killed with its
// process group. What a Cmd task does outside an event loop, and how
// --cmd_task is checked (`sh -n -c`).

#ifndef EXECBENCH_WORKLOADS_COMMAND_RUN_SHELL_H_
#define EXECBENCH_WORKLOADS_COMMAND_RUN_SHELL_H_

#include <sys/wait.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "workloads/command/command_output.h"

namespace execbench {

struct FinishedShell {
  bool timed_out = false;
  std::optional<siginfo_t> ended;  // how /bin/sh ended, once reaped
  CommandOutput output;
};

// An error only when the shell cannot be started or watched; a command that
// fails or times out is a FinishedShell that says so.
absl::StatusOr<FinishedShell> RunShell(
    const std::vector<std::string>& arguments, absl::Duration timeout);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_COMMAND_RUN_SHELL_H_
