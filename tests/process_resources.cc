// ListDirectory(), ThreadCount(), ThreadCountSettledAt(), the child
// processes and the listening sockets, from /proc; the files a batch could
// leave in /dev/shm and $TMPDIR.

#include "tests/process_resources.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executors/fork_server.h"

namespace execbench {

std::set<std::string> ListDirectory(const std::string& path) {
  std::set<std::string> names;
  if (DIR* dir = opendir(path.c_str())) {
    while (dirent* entry = readdir(dir)) names.insert(entry->d_name);
    closedir(dir);
  }
  return names;
}

int ThreadCount() {
  return static_cast<int>(ListDirectory("/proc/self/task").size()) - 2;
}

int ThreadCountSettledAt(int limit) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  int count = ThreadCount();
  while (count > limit && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(1));
    count = ThreadCount();
  }
  return count;
}

std::string ChildrenOf(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/task/", pid, "/children"));
  std::string children;
  std::getline(in, children);
  return children;
}

std::string ChildrenOfForkServers() {
  const std::vector<pid_t> preloaded = PreloadedForkServerPids();
  std::string children;
  for (pid_t server : ForkServerPids()) {
    for (absl::string_view child :
         absl::StrSplit(ChildrenOf(server), ' ', absl::SkipEmpty())) {
      pid_t pid;
      if (absl::SimpleAtoi(child, &pid) &&
          std::find(preloaded.begin(), preloaded.end(), pid) !=
              preloaded.end()) {
        continue;
      }
      absl::StrAppend(&children, child, " ");
    }
  }
  for (pid_t server : preloaded) children += ChildrenOf(server);
  return children;
}

std::string ChildrenBesidesForkServers() {
  const std::vector<pid_t> servers = ForkServerPids();
  std::string others;
  for (absl::string_view child :
       absl::StrSplit(ChildrenOf(getpid()), ' ', absl::SkipEmpty())) {
    pid_t pid;
    if (absl::SimpleAtoi(child, &pid) &&
        std::find(servers.begin(), servers.end(), pid) != servers.end()) {
      continue;
    }
    absl::StrAppend(&others, child, " ");
  }
  return others;
}

std::set<std::string> ListeningSockets() {
  std::set<std::string> inodes;
  for (const std::string& fd : ListDirectory("/proc/self/fd")) {
    char target[64] = {};
    const std::string link = absl::StrCat("/proc/self/fd/", fd);
    if (readlink(link.c_str(), target, sizeof(target) - 1) > 0) {
      absl::string_view name = target;
      if (absl::ConsumePrefix(&name, "socket:[") &&
          absl::ConsumeSuffix(&name, "]")) {
        inodes.insert(std::string(name));
      }
    }
  }
  std::set<std::string> listening;
  for (const char* table : {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout
      // inode ...
      const std::vector<std::string> fields =
          absl::StrSplit(line, ' ', absl::SkipEmpty());
      constexpr char kListen[] = "0A";
      if (fields.size() > 9 && fields[3] == kListen &&
          inodes.contains(fields[9])) {
        listening.insert(fields[1]);
      }
    }
  }
  return listening;
}

std::set<std::string> SharedMemoryFiles() {
  std::set<std::string> files = ListDirectory("/dev/shm");
  std::erase_if(files, [](const std::string& name) {
    return name.starts_with("__KMP_REGISTERED_LIB_");
  });
  return files;
}

std::set<std::string> OpenMpRegistrationsOf(const std::set<pid_t>& pids) {
  std::set<std::string> left;
  for (const std::string& name : ListDirectory("/dev/shm")) {
    for (pid_t pid : pids) {
      if (name.starts_with(absl::StrCat("__KMP_REGISTERED_LIB_", pid, "_"))) {
        left.insert(name);
      }
    }
  }
  return left;
}

std::set<std::string> TempFiles() {
  const char* tmpdir = std::getenv("TMPDIR");
  return ListDirectory(tmpdir != nullptr && tmpdir[0] != '\0' ? tmpdir
                                                              : "/tmp");
}

std::set<pid_t> PidsInTaskLog(const std::string& log_path) {
  std::ifstream in(log_path);
  std::set<pid_t> pids;
  int task;
  pid_t pid;
  while (in >> task >> pid) pids.insert(pid);
  return pids;
}

}  // namespace execbench
