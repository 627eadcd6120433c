// A command run to its end with poll(): its two pipes and its pidfd.

#include "workloads/command/run_shell.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "workloads/command/shell_process.h"

namespace execbench {
namespace {

// How much one read takes from a pipe.
constexpr size_t kReadBytes = 16 << 10;

// Reads what `fd` has into `add`; at its end of file (or on an error, after
// which nothing more can come) calls `close`.
template <typename Add, typename Close>
void ReadReady(int fd, Add add, Close close) {
  char buffer[kReadBytes];
  const ssize_t got = read(fd, buffer, sizeof buffer);
  if (got > 0) {
    add(absl::string_view(buffer, got));
  } else if (got == 0 || errno != EINTR) {
    close();
  }
}

}  // namespace

absl::StatusOr<FinishedShell> RunShell(
    const std::vector<std::string>& arguments, absl::Duration timeout) {
  absl::StatusOr<std::unique_ptr<ShellProcess>> started =
      ShellProcess::Start(arguments);
  if (!started.ok()) return started.status();
  ShellProcess& process = **started;
  const absl::Time deadline = absl::Now() + timeout;
  FinishedShell finished;
  while (process.stdout_fd() >= 0 || process.stderr_fd() >= 0 ||
         !process.reaped()) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      // What still holds a pipe open after its group is killed has left
      // the group: the pipes are closed rather than waited for.
      finished.timed_out = true;
      process.KillGroup();
      if (!process.reaped()) {
        absl::StatusOr<siginfo_t> ended = process.Reap(/*wait=*/true);
        if (!ended.ok()) return ended.status();
        finished.ended = *ended;
      }
      return finished;
    }
    pollfd watched[] = {
        {.fd = process.stdout_fd(), .events = POLLIN},
        {.fd = process.stderr_fd(), .events = POLLIN},
        {.fd = process.reaped() ? -1 : process.pidfd(), .events = POLLIN}};
    const int ready = poll(watched, 3, absl::ToInt64Milliseconds(left) + 1);
    if (ready < 0 && errno != EINTR) {
      return absl::ErrnoToStatus(errno, "cannot poll a command's output");
    }
    if (ready <= 0) continue;
    if (watched[0].revents != 0) {
      ReadReady(
          process.stdout_fd(),
          [&](absl::string_view bytes) { finished.output.AddStdout(bytes); },
          [&] { process.CloseStdout(); });
    }
    if (watched[1].revents != 0) {
      ReadReady(
          process.stderr_fd(),
          [&](absl::string_view bytes) { finished.output.AddStderr(bytes); },
          [&] { process.CloseStderr(); });
    }
    if (watched[2].revents != 0) {
      absl::StatusOr<siginfo_t> ended = process.Reap(/*wait=*/false);
      if (!ended.ok()) return ended.status();
      finished.ended = *ended;
    }
  }
  return finished;
}

}  // namespace execbench
