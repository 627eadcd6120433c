// CommandTemplate: the value of --cmd_task, a shell command in which every
// "{task}" stands for the task's index, refused while the command line is
// read (one line, exit 2) when it is empty or /bin/sh cannot parse it.

#ifndef EXECBENCH_WORKLOADS_COMMAND_COMMAND_TEMPLATE_H_
#define EXECBENCH_WORKLOADS_COMMAND_COMMAND_TEMPLATE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace execbench {

// Empty only as the flag's default: no command, no Cmd rows.
struct CommandTemplate {
  std::string text;
};
// Checks the command with `/bin/sh -n -c`, "{task}" read as 0.
bool AbslParseFlag(absl::string_view text, CommandTemplate* flag,
                   std::string* error);
std::string AbslUnparseFlag(const CommandTemplate& flag);

// The command that task `index` runs.
std::string CommandForTask(absl::string_view command_template, int index);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_COMMAND_COMMAND_TEMPLATE_H_
