// Reaping a server's children, and ending the strays among them, found in
// /proc/self/task/<tid>/children, read with system calls alone.

#include "executors/server_children.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "executors/openmp_registration.h"

namespace execbench {
namespace {

// The most strays killed in one round; the rounds go on until none is left.
constexpr int kMostStraysARound = 256;

// Calls `each(pid)` for every child of thread `tid` (a name in the folder
// `tasks`, /proc/self/task) as its `children` file lists them.
template <typename Each>
void ForEachChildOfThread(int tasks, const char* tid, Each each) {
  char path[64];
  const size_t length = strnlen(tid, sizeof path - sizeof "/children");
  std::memcpy(path, tid, length);
  std::memcpy(path + length, "/children", sizeof "/children");
  const int fd = openat(tasks, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  char text[512];
  pid_t pid = 0;
  for (;;) {
    const ssize_t got = read(fd, text, sizeof text);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    for (ssize_t i = 0; i < got; ++i) {
      if (text[i] >= '0' && text[i] <= '9') {
        pid = pid * 10 + (text[i] - '0');
      } else if (pid != 0) {
        each(pid);
        pid = 0;
      }
    }
  }
  if (pid != 0) each(pid);
  close(fd);
}

// Calls `each(pid)` for every child of every thread of this process.
template <typename Each>
void ForEachChild(Each each) {
  const int tasks = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (tasks < 0) return;
  alignas(dirent64) char entries[4096];
  for (;;) {
    const long got = syscall(SYS_getdents64, tasks, entries, sizeof entries);
    if (got <= 0) break;
    for (long offset = 0; offset < got;) {
      const auto* entry = reinterpret_cast<const dirent64*>(entries + offset);
      offset += entry->d_reclen;
      if (entry->d_name[0] != '.') {
        ForEachChildOfThread(tasks, entry->d_name, each);
      }
    }
  }
  close(tasks);
}

}  // namespace

int ReapChild(pid_t pid, rusage* usage) {
  siginfo_t info{};
  while (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) != 0 && errno == EINTR) {
  }
  RemoveOpenMpRegistration(pid);
  int status = 0;
  while (wait4(pid, &status, 0, usage) < 0 && errno == EINTR) {
  }
  return status;
}

void AdoptOrphans() { prctl(PR_SET_CHILD_SUBREAPER, 1); }

void EndChildrenBut(absl::Span<const pid_t> kept) {
  const int saved_errno = errno;  // as a signal handler must leave it
  for (;;) {
    siginfo_t info{};
    if (kept.empty() &&
        waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 &&
        errno == ECHILD) {
      break;
    }
    pid_t strays[kMostStraysARound];
    int count = 0;
    ForEachChild([&](pid_t pid) {
      if (count < kMostStraysARound &&
          std::find(kept.begin(), kept.end(), pid) == kept.end()) {
        strays[count++] = pid;
      }
    });
    if (count == 0) break;
    // A stray holds its pid, and so its group's id, until it is reaped.
    for (int i = 0; i < count; ++i) {
      kill(-strays[i], SIGKILL);
      kill(strays[i], SIGKILL);
    }
    // Their orphans are this process's children once they have ended.
    for (int i = 0; i < count; ++i) ReapChild(strays[i]);
  }
  errno = saved_errno;
}

}  // namespace execbench
