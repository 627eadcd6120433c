// Bounded capture of a command's output, and what a task reports from it.

#include "workloads/command/command_output.h"

#include <string.h>

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "workloads/hashing/bytes_checksum.h"
#include "workloads/hashing/stable_hash.h"

namespace execbench {
namespace {

// The most of a command that a failure quotes.
constexpr size_t kQuotedCommandBytes = 200;

}  // namespace

void CommandOutput::AddStdout(absl::string_view bytes) {
  stdout_bytes_ += bytes.size();
  const size_t room = kKeptStdoutBytes - stdout_head_.size();
  const absl::string_view kept = bytes.substr(0, room);
  stdout_head_.append(kept.data(), kept.size());
}

void CommandOutput::AddStderr(absl::string_view bytes) {
  stderr_tail_.append(bytes.data(), bytes.size());
  if (stderr_tail_.size() > kKeptStderrBytes) {
    stderr_tail_.erase(0, stderr_tail_.size() - kKeptStderrBytes);
    stderr_cut_ = true;
  }
}

uint64_t CommandOutput::Checksum(int index) const {
  return StableHash(
      StableHash(static_cast<uint64_t>(index), BytesChecksum(stdout_head_)),
      stdout_bytes_);
}

std::string CommandOutput::StderrTail() const {
  absl::string_view tail = stderr_tail_;
  // A line cut at the front is dropped, unless it is all there is.
  if (stderr_cut_ && tail.find('\n') < tail.size() - 1) {
    tail.remove_prefix(tail.find('\n') + 1);
  }
  tail = absl::StripTrailingAsciiWhitespace(tail);
  std::vector<absl::string_view> lines =
      absl::StrSplit(tail, '\n', absl::SkipWhitespace());
  return absl::StrJoin(lines, " | ");
}

absl::StatusOr<uint64_t> CommandOutcome(int index, absl::string_view command,
                                        bool timed_out, absl::Duration timeout,
                                        const std::optional<siginfo_t>& ended,
                                        const CommandOutput& output) {
  std::string why;
  absl::StatusCode code = absl::StatusCode::kAborted;
  if (timed_out) {
    why =
        absl::StrCat("ran past its timeout of ", absl::FormatDuration(timeout),
                     " (--cmd_timeout_ms) and was killed with its process "
                     "group");
    code = absl::StatusCode::kDeadlineExceeded;
  } else if (!ended.has_value()) {
    why = "ended without being reaped";
  } else if (ended->si_code == CLD_EXITED) {
    if (ended->si_status == 0) return output.Checksum(index);
    why = absl::StrCat("exited with status ", ended->si_status);
  } else {
    const char* name = sigabbrev_np(ended->si_status);
    why = absl::StrCat("was killed by ",
                       name != nullptr
                           ? absl::StrCat("SIG", name)
                           : absl::StrCat("signal ", ended->si_status));
  }
  const std::string stderr_tail = output.StderrTail();
  const bool long_command = command.size() > kQuotedCommandBytes;
  return absl::Status(
      code,
      absl::StrCat("Cmd: task ", index, " (",
                   command.substr(0, kQuotedCommandBytes),
                   long_command ? "..." : "", ") ", why,
                   stderr_tail.empty()
                       ? "; its stderr is empty"
                       : absl::StrCat("; its stderr ends: ", stderr_tail)));
}

}  // namespace execbench
