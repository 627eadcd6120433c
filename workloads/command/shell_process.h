// ShellProcess: one command run by `/bin/sh -c` in a child process of its own
// process group, with its stdout and stderr on pipes and a pidfd through
// which its exit can be waited for, polled or read from an event loop.
//
// The child is started with posix_spawn (vfork and exec), so that starting
// it is safe from a process that runs threads; every descriptor it leaves
// in this process is O_CLOEXEC, so that no other child inherits one. Its
// stdin is /dev/null and its signal mask and dispositions are the
// defaults, whatever this process blocks.
//
// Nothing outlives the object: destroying it before Reap() kills the whole
// group and waits for its leader, and closes every descriptor.

#ifndef EXECBENCH_WORKLOADS_COMMAND_SHELL_PROCESS_H_
#define EXECBENCH_WORKLOADS_COMMAND_SHELL_PROCESS_H_

#include <sys/types.h>
#include <sys/wait.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace execbench {

class ShellProcess {
 public:
  // Starts `/bin/sh` with `arguments` after its name ("-c", the command).
  static absl::StatusOr<std::unique_ptr<ShellProcess>> Start(
      const std::vector<std::string>& arguments);

  ShellProcess(const ShellProcess&) = delete;
  ShellProcess& operator=(const ShellProcess&) = delete;
  ~ShellProcess();

  // Read ends of the child's stdout and stderr; -1 once closed.
  int stdout_fd() const { return stdout_fd_; }
  int stderr_fd() const { return stderr_fd_; }
  // Readable once the child has exited.
  int pidfd() const { return pidfd_; }

  // Closes a read end at its end of file.
  void CloseStdout();
  void CloseStderr();

  // Sends SIGKILL to the child's process group: the command and whatever it
  // started that is still in the group.
  void KillGroup();

  // Once the child has exited (waiting for it if `wait`, else
  // FailedPreconditionError while it runs): kills what it left running in
  // its group, then reaps it and returns how it ended.
  absl::StatusOr<siginfo_t> Reap(bool wait);

  bool reaped() const { return reaped_; }

 private:
  ShellProcess() = default;

  pid_t pid_ = -1;
  int pidfd_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  bool reaped_ = false;
};

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_COMMAND_SHELL_PROCESS_H_
