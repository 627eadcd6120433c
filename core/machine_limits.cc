// Memory and thread limits, from /proc, /sys and getrlimit().

#include "core/machine_limits.h"

#include <dirent.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace execbench {
namespace {

// What a thread takes at the least besides its stack's address space: its
// kernel stack (16 KiB), its task structures and the first pages of its
// stack and thread-local storage.
constexpr int64_t kThreadBytesAtLeast = 64 << 10;

// The first line of `path`, or "" if it cannot be read.
std::string FirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::optional<int64_t> ReadInteger(const std::string& path) {
  int64_t value;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(FirstLine(path)), &value)) {
    return std::nullopt;
  }
  return value;
}

// The value of `key` in a "Key: value [kB]" file such as /proc/meminfo, in
// its own unit, or nullopt.
std::optional<int64_t> FieldOf(const std::string& path, absl::string_view key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, key) || !absl::ConsumePrefix(&rest, ":")) {
      continue;
    }
    const std::vector<absl::string_view> words =
        absl::StrSplit(rest, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    int64_t value;
    if (!words.empty() && absl::SimpleAtoi(words[0], &value)) return value;
  }
  return std::nullopt;
}

// The threads alive on the machine: the second number of /proc/loadavg's
// "running/total".
std::optional<int64_t> ThreadsAlive() {
  const std::vector<std::string> fields =
      absl::StrSplit(FirstLine("/proc/loadavg"), ' ');
  if (fields.size() < 4) return std::nullopt;
  const std::pair<std::string, std::string> counts =
      absl::StrSplit(fields[3], '/');
  int64_t total;
  if (!absl::SimpleAtoi(counts.second, &total)) return std::nullopt;
  return total;
}

// The folder of this process's cgroup for `controller` (pids, memory), in
// cgroup v1's hierarchy of that controller or cgroup v2's single one.
struct CgroupFolder {
  std::string path;
  bool v2 = false;
};
std::optional<CgroupFolder> CgroupFolderOf(absl::string_view controller) {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  std::optional<CgroupFolder> folder;
  while (std::getline(in, line)) {
    const std::vector<std::string> fields =
        absl::StrSplit(line, absl::MaxSplits(':', 2));
    if (fields.size() != 3) continue;
    const std::vector<absl::string_view> controllers =
        absl::StrSplit(fields[1], ',');
    if (std::find(controllers.begin(), controllers.end(), controller) !=
        controllers.end()) {
      return CgroupFolder{
          .path = absl::StrCat("/sys/fs/cgroup/", controller, fields[2])};
    }
    if (fields[0] == "0" && fields[1].empty()) {
      folder = {.path = absl::StrCat("/sys/fs/cgroup", fields[2]), .v2 = true};
    }
  }
  return folder;
}

// The limit of this process's cgroup on `controller` less what is in use,
// from files `limit` and `usage` of its folder; nullopt without a limit.
std::optional<int64_t> CgroupRoom(absl::string_view controller,
                                  absl::string_view limit,
                                  absl::string_view usage) {
  const std::optional<CgroupFolder> folder = CgroupFolderOf(controller);
  if (!folder.has_value()) return std::nullopt;
  const std::optional<int64_t> most =
      ReadInteger(absl::StrCat(folder->path, "/", limit));
  const std::optional<int64_t> used =
      ReadInteger(absl::StrCat(folder->path, "/", usage));
  // "max" (v2) reads as no number; v1's "no limit" is a number near 2^63.
  if (!most.has_value() || !used.has_value() || *most >= (int64_t{1} << 62)) {
    return std::nullopt;
  }
  return *most - *used;
}

// The threads of the processes whose real user is `uid`, which RLIMIT_NPROC
// counts.
int64_t ThreadsOfUser(uid_t uid) {
  int64_t threads = 0;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return 0;
  while (const dirent* entry = readdir(proc)) {
    int pid;
    if (!absl::SimpleAtoi(entry->d_name, &pid)) continue;
    const std::string status = absl::StrCat("/proc/", pid, "/status");
    if (FieldOf(status, "Uid") == std::optional<int64_t>(uid)) {
      threads += FieldOf(status, "Threads").value_or(0);
    }
  }
  closedir(proc);
  return threads;
}

// The address space a new thread's stack takes: the default of
// pthread_create(), which libgomp and oneTBB use unless told otherwise.
int64_t ThreadStackBytes() {
  pthread_attr_t attributes;
  size_t size = 8 << 20;
  if (pthread_getattr_default_np(&attributes) == 0) {
    pthread_attr_getstacksize(&attributes, &size);
    pthread_attr_destroy(&attributes);
  }
  return static_cast<int64_t>(size);
}

// The memory maps of this process: each thread stack adds two (the stack and
// its guard page).
int64_t MemoryMaps() {
  std::ifstream in("/proc/self/maps");
  int64_t maps = 0;
  std::string line;
  while (std::getline(in, line)) ++maps;
  return maps;
}

// One limit on the threads that can start, and how many it leaves.
struct ThreadRoom {
  int64_t threads;
  std::string why;
};

std::vector<ThreadRoom> ThreadRooms() {
  std::vector<ThreadRoom> rooms;
  const std::optional<int64_t> alive = ThreadsAlive();
  if (alive.has_value()) {
    for (const char* limit : {"threads-max", "pid_max"}) {
      if (std::optional<int64_t> max =
              ReadInteger(absl::StrCat("/proc/sys/kernel/", limit))) {
        rooms.push_back(
            {*max - *alive, absl::StrCat("kernel.", limit, " is ", *max,
                                         " and ", *alive, " threads exist")});
      }
    }
  }
  if (std::optional<int64_t> room =
          CgroupRoom("pids", "pids.max", "pids.current")) {
    rooms.push_back({*room, absl::StrCat("the pids.max of this process's "
                                         "cgroup leaves ",
                                         *room, " pids")});
  }
  rlimit processes{};
  if (getuid() != 0 && getrlimit(RLIMIT_NPROC, &processes) == 0 &&
      processes.rlim_cur != RLIM_INFINITY) {
    const int64_t used = ThreadsOfUser(getuid());
    rooms.push_back(
        {static_cast<int64_t>(processes.rlim_cur) - used,
         absl::StrCat("RLIMIT_NPROC (ulimit -u) is ", processes.rlim_cur,
                      " and this user has ", used, " threads")});
  }
  if (std::optional<int64_t> max = ReadInteger("/proc/sys/vm/max_map_count")) {
    const int64_t maps = MemoryMaps();
    rooms.push_back(
        {(*max - maps) / 2,
         absl::StrCat("vm.max_map_count is ", *max, ", this process has ", maps,
                      " memory maps, and a thread stack takes 2")});
  }
  if (const int64_t available = AvailableMemoryBytes(); available >= 0) {
    rooms.push_back(
        {available / kThreadBytesAtLeast,
         absl::StrFormat("%.1f GB of memory is available, and a "
                         "thread takes %d KiB at the least",
                         available / 1e9, kThreadBytesAtLeast >> 10)});
  }
  const int64_t stack = ThreadStackBytes();
  if (ReadInteger("/proc/sys/vm/overcommit_memory") == 2) {
    const std::optional<int64_t> limit =
        FieldOf("/proc/meminfo", "CommitLimit");
    const std::optional<int64_t> committed =
        FieldOf("/proc/meminfo", "Committed_AS");
    if (limit.has_value() && committed.has_value()) {
      rooms.push_back(
          {(*limit - *committed) * 1024 / stack,
           absl::StrFormat("the kernel commits no more memory than "
                           "it has (vm.overcommit_memory=2): %.1f "
                           "GB is left, %d MiB a thread stack",
                           (*limit - *committed) / 1e6, stack >> 20)});
    }
  }
  rlimit address_space{};
  if (getrlimit(RLIMIT_AS, &address_space) == 0 &&
      address_space.rlim_cur != RLIM_INFINITY) {
    const int64_t used = FieldOf("/proc/self/status", "VmSize").value_or(0);
    rooms.push_back(
        {(static_cast<int64_t>(address_space.rlim_cur) - used * 1024) / stack,
         absl::StrFormat("RLIMIT_AS (ulimit -v) is %.1f GB, %.1f GB is in "
                         "use, %d MiB a thread stack",
                         address_space.rlim_cur / 1e9, used / 1e6,
                         stack >> 20)});
  }
  return rooms;
}

}  // namespace

int64_t AvailableMemoryBytes() {
  const std::optional<int64_t> kib = FieldOf("/proc/meminfo", "MemAvailable");
  if (!kib.has_value()) return -1;
  int64_t available = *kib * 1024;
  const std::optional<CgroupFolder> memory = CgroupFolderOf("memory");
  const bool v2 = memory.has_value() && memory->v2;
  if (std::optional<int64_t> room =
          CgroupRoom("memory", v2 ? "memory.max" : "memory.limit_in_bytes",
                     v2 ? "memory.current" : "memory.usage_in_bytes")) {
    available = std::min(available, *room);
  }
  rlimit address_space{};
  if (getrlimit(RLIMIT_AS, &address_space) == 0 &&
      address_space.rlim_cur != RLIM_INFINITY) {
    const int64_t used = FieldOf("/proc/self/status", "VmSize").value_or(0);
    available = std::min(
        available, static_cast<int64_t>(address_space.rlim_cur) - used * 1024);
  }
  return std::max<int64_t>(available, 0);
}

absl::Status CheckMemory(absl::string_view who, absl::string_view what,
                         double bytes) {
  const int64_t available = AvailableMemoryBytes();
  if (available < 0 || bytes <= static_cast<double>(available)) {
    return absl::OkStatus();
  }
  return absl::ResourceExhaustedError(
      absl::StrFormat("%s: %.1f GB is needed for %s, and only %.1f GB is "
                      "available",
                      who, bytes / 1e9, what, available / 1e9));
}

int MachineThreadLimit() {
  int64_t limit = std::numeric_limits<int>::max();
  for (const char* name : {"threads-max", "pid_max"}) {
    if (std::optional<int64_t> value =
            ReadInteger(absl::StrCat("/proc/sys/kernel/", name))) {
      limit = std::min(limit, *value);
    }
  }
  return static_cast<int>(limit);
}

absl::Status CheckThreadsCanStart(absl::string_view who, int64_t threads) {
  if (threads <= 0) return absl::OkStatus();
  const std::vector<ThreadRoom> rooms = ThreadRooms();
  const auto tightest = std::min_element(
      rooms.begin(), rooms.end(), [](const ThreadRoom& a, const ThreadRoom& b) {
        return a.threads < b.threads;
      });
  if (tightest == rooms.end() || threads <= tightest->threads) {
    return absl::OkStatus();
  }
  return absl::ResourceExhaustedError(absl::StrCat(
      who, " needs ", threads, " more threads, and this process can start ",
      std::max<int64_t>(tightest->threads, 0), " now: ", tightest->why));
}

}  // namespace execbench
