// ListDirectory(), ThreadCount() and ThreadCountSettledAt() from /proc/self.

#include "tests/process_resources.h"

#include <dirent.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"

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

}  // namespace execbench
