// Starting, killing and reaping one command's child process.

#include "workloads/command/shell_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

extern char** environ;

namespace execbench {
namespace {

// Closes `*fd` if it is open, and marks it closed.
void CloseFd(int* fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

// posix_spawn's settings for the child: a process group of its own (whose
// id is its pid), no signal blocked and every signal at its default.
class SpawnAttributes {
 public:
  SpawnAttributes() {
    posix_spawnattr_init(&attributes_);
    posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETPGROUP |
                                               POSIX_SPAWN_SETSIGMASK |
                                               POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attributes_, 0);
    sigset_t signals;
    sigemptyset(&signals);
    posix_spawnattr_setsigmask(&attributes_, &signals);
    sigfillset(&signals);
    posix_spawnattr_setsigdefault(&attributes_, &signals);
  }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attributes_); }
  const posix_spawnattr_t* get() const { return &attributes_; }

 private:
  posix_spawnattr_t attributes_;
};

// posix_spawn's descriptors for the child: stdin from /dev/null, stdout and
// stderr onto the write ends of two pipes.
class SpawnDescriptors {
 public:
  SpawnDescriptors(int stdout_write, int stderr_write) {
    posix_spawn_file_actions_init(&actions_);
    posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions_, stdout_write, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions_, stderr_write, STDERR_FILENO);
  }
  ~SpawnDescriptors() { posix_spawn_file_actions_destroy(&actions_); }
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ShellProcess>> ShellProcess::Start(
    const std::vector<std::string>& arguments) {
  int out[2];
  int err[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    return absl::ErrnoToStatus(errno, "cannot make a pipe for stdout");
  }
  if (pipe2(err, O_CLOEXEC) != 0) {
    const int error = errno;
    close(out[0]);
    close(out[1]);
    return absl::ErrnoToStatus(error, "cannot make a pipe for stderr");
  }
  std::vector<char*> argv;
  std::string shell = "/bin/sh";
  argv.push_back(shell.data());
  std::vector<std::string> copies = arguments;
  for (std::string& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);

  std::unique_ptr<ShellProcess> process(new ShellProcess());
  process->stdout_fd_ = out[0];
  process->stderr_fd_ = err[0];
  const int spawned = posix_spawn(
      &process->pid_, shell.c_str(), SpawnDescriptors(out[1], err[1]).get(),
      SpawnAttributes().get(), argv.data(), environ);
  close(out[1]);
  close(err[1]);
  if (spawned != 0) {
    process->reaped_ = true;  // there is no child
    return absl::ErrnoToStatus(spawned, "cannot start /bin/sh");
  }
  // Through syscall(): glibc 2.36's <sys/pidfd.h> declares pidfd_open()
  // without C linkage.
  process->pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, process->pid_, 0));
  if (process->pidfd_ < 0) {
    const int error = errno;
    process->KillGroup();
    while (waitpid(process->pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    process->reaped_ = true;
    return absl::ErrnoToStatus(error, "cannot open a pidfd for /bin/sh");
  }
  return process;
}

ShellProcess::~ShellProcess() {
  if (!reaped_) {
    KillGroup();
    (void)Reap(/*wait=*/true);
  }
  CloseFd(&stdout_fd_);
  CloseFd(&stderr_fd_);
  CloseFd(&pidfd_);
}

void ShellProcess::CloseStdout() { CloseFd(&stdout_fd_); }
void ShellProcess::CloseStderr() { CloseFd(&stderr_fd_); }

void ShellProcess::KillGroup() {
  // The group cannot have been reused: its leader, reaped only by Reap(),
  // holds its id until then.
  if (!reaped_) killpg(pid_, SIGKILL);
}

absl::StatusOr<siginfo_t> ShellProcess::Reap(bool wait) {
  if (reaped_) return absl::FailedPreconditionError("already reaped");
  // Waits without reaping first, so that the leader still holds the group's
  // id when what it left running is killed.
  siginfo_t info{};
  for (int options : {WEXITED | WNOWAIT | (wait ? 0 : WNOHANG), WEXITED}) {
    int waited;
    do {
      waited = waitid(P_PIDFD, pidfd_, &info, options);
    } while (waited != 0 && errno == EINTR);
    if (waited != 0) {
      return absl::ErrnoToStatus(errno, "cannot wait for /bin/sh");
    }
    if (info.si_pid == 0) {
      return absl::FailedPreconditionError("/bin/sh has not exited");
    }
    if (options & WNOWAIT) KillGroup();
  }
  reaped_ = true;
  return info;
}

}  // namespace execbench
