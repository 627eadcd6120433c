// ListDirectory(), ThreadCount(), ThreadCountSettledAt() and the child
// processes, from /proc.

#include "tests/process_resources.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
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
  std::string children;
  for (pid_t server : ForkServerPids()) children += ChildrenOf(server);
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

}  // namespace execbench
