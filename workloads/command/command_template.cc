// Checking --cmd_task, and filling in its "{task}".

#include "workloads/command/command_template.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "workloads/command/run_shell.h"

namespace execbench {
namespace {

// How long `sh -n` may take to parse a command: far more than it needs.
constexpr absl::Duration kParseTimeout = absl::Seconds(10);

}  // namespace

bool AbslParseFlag(absl::string_view text, CommandTemplate* flag,
                   std::string* error) {
  if (text.find_first_not_of(" \t\n") == absl::string_view::npos) {
    *error = absl::StrCat("'", text,
                          "' is empty: give a command such as "
                          "'gzip -c FILE > /dev/null'");
    return false;
  }
  absl::StatusOr<FinishedShell> parsed =
      RunShell({"-n", "-c", CommandForTask(text, 0)}, kParseTimeout);
  if (!parsed.ok()) {
    *error = absl::StrCat("'", text,
                          "' cannot be checked: ", parsed.status().message());
    return false;
  }
  if (parsed->timed_out || !parsed->ended.has_value() ||
      parsed->ended->si_code != CLD_EXITED || parsed->ended->si_status != 0) {
    *error = absl::StrCat("'", text, "' is not a command /bin/sh can parse (",
                          parsed->output.StderrTail(), ")");
    return false;
  }
  flag->text = std::string(text);
  return true;
}

std::string AbslUnparseFlag(const CommandTemplate& flag) { return flag.text; }

std::string CommandForTask(absl::string_view command_template, int index) {
  return absl::StrReplaceAll(command_template,
                             {{"{task}", absl::StrCat(index)}});
}

}  // namespace execbench
