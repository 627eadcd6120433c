// CommandOutput: what one command printed, kept within fixed bounds whatever
// it prints: the first kKeptStdoutBytes of its stdout with the count of all
// its bytes (the rest is read and dropped, so that the command never blocks
// on a full pipe), and the last kKeptStderrBytes of its stderr, which a
// failure quotes.

#ifndef EXECBENCH_WORKLOADS_COMMAND_COMMAND_OUTPUT_H_
#define EXECBENCH_WORKLOADS_COMMAND_COMMAND_OUTPUT_H_

#include <sys/wait.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace execbench {

class CommandOutput {
 public:
  static constexpr size_t kKeptStdoutBytes = 64 << 10;
  static constexpr size_t kKeptStderrBytes = 2 << 10;

  void AddStdout(absl::string_view bytes);
  void AddStderr(absl::string_view bytes);

  // The checksum of task `index` that printed this: of the index, the kept
  // stdout and the count of all of stdout's bytes.
  uint64_t Checksum(int index) const;

  // The whole lines among the last bytes of stderr, joined by " | ", or ""
  // when it printed nothing.
  std::string StderrTail() const;

 private:
  std::string stdout_head_;
  uint64_t stdout_bytes_ = 0;
  std::string stderr_tail_;
  bool stderr_cut_ = false;  // whether bytes before stderr_tail_ were dropped
};

// How a command that ran for task `index` ended, as the task reports it: the
// output's checksum when it exited with status 0; otherwise an error that
// names the task and the command (its first 200 bytes) and says why (it ran
// past `timeout` and was killed, its exit status, or the signal that killed
// it), followed by the last lines of its stderr. `ended` is how its process
// ended (nullopt if it was not reaped).
absl::StatusOr<uint64_t> CommandOutcome(int index, absl::string_view command,
                                        bool timed_out, absl::Duration timeout,
                                        const std::optional<siginfo_t>& ended,
                                        const CommandOutput& output);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_COMMAND_COMMAND_OUTPUT_H_
