// ScratchDir, and the signal handler that removes the live scratch folders
// when the process is stopped.
//
// The handler must be async-signal-safe as far as practical: it may interrupt
// a thread that holds malloc's lock or is inside opendir(). So the folders it
// removes sit in a fixed table of lock-free atomics and path buffers (nothing
// allocated, nothing locked), and it makes only system calls: rename, open,
// getdents64, unlinkat, rmdir, close, getpid, sigaction and raise. All but
// getdents64 are on POSIX's list of async-signal-safe functions; getdents64
// is not because POSIX has no such call, but glibc's is the bare system call,
// unlike readdir(), which allocates.

#include "workloads/scratch/scratch_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace execbench {
namespace {

constexpr int kStopSignals[] = {SIGHUP, SIGINT, SIGTERM};
constexpr int kMaxLiveFolders = 32;
constexpr char kRemovalSuffix[] = ".removing";

enum SlotState : int { kFree, kFilling, kLive };

// A folder for the signal handler to remove. Trivially destructible, so that
// the table can be a global that is valid until the process ends.
struct FolderSlot {
  std::atomic<int> state;  // SlotState
  pid_t owner;             // the process that created the folder
  char path[PATH_MAX];
  char removal_path[PATH_MAX];  // path + kRemovalSuffix
};
static_assert(std::atomic<int>::is_always_lock_free);

FolderSlot live_folders[kMaxLiveFolders];
struct sigaction previous_actions[std::size(kStopSignals)];

bool IsDotOrDotDot(const char* name) {
  return name[0] == '.' &&
         (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

// Async-signal-safe: removes the files in the folder, then the folder.
void RemoveFilesAndFolder(const FolderSlot& slot) {
  // Tasks on other threads and in worker processes go on writing until the
  // process ends, and would outrun a handler that removes files in place.
  // After the rename they can no longer open the folder's path; a few passes
  // cover a task whose open() looked the path up just before it.
  const char* path =
      rename(slot.path, slot.removal_path) == 0 ? slot.removal_path : slot.path;
  for (int pass = 0; pass < 3; ++pass) {
    const int folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0) return;
    alignas(dirent64) char entries[4096];
    ssize_t size;
    while ((size = getdents64(folder, entries, sizeof(entries))) > 0) {
      for (ssize_t offset = 0; offset < size;) {
        const auto* entry = reinterpret_cast<const dirent64*>(entries + offset);
        if (!IsDotOrDotDot(entry->d_name)) unlinkat(folder, entry->d_name, 0);
        offset += entry->d_reclen;
      }
    }
    close(folder);
    if (rmdir(path) == 0 || errno != ENOTEMPTY) return;
  }
}

void RemoveLiveFoldersAndReraise(int signal_number) {
  const int saved_errno = errno;
  const pid_t self = getpid();
  for (FolderSlot& slot : live_folders) {
    if (slot.state.load(std::memory_order_acquire) == kLive &&
        slot.owner == self) {
      RemoveFilesAndFolder(slot);
    }
  }
  // Put back the action this handler replaced and send the signal again. It
  // is blocked while this handler runs, so it arrives on return and, by
  // default, ends the process, whose parent sees it killed by the signal.
  for (size_t i = 0; i < std::size(kStopSignals); ++i) {
    if (kStopSignals[i] == signal_number) {
      sigaction(signal_number, &previous_actions[i], nullptr);
    }
  }
  raise(signal_number);
  errno = saved_errno;
}

void InstallSignalHandlers() {
  struct sigaction action = {};
  action.sa_handler = &RemoveLiveFoldersAndReraise;
  sigfillset(&action.sa_mask);
  for (size_t i = 0; i < std::size(kStopSignals); ++i) {
    sigaction(kStopSignals[i], nullptr, &previous_actions[i]);
    // An ignored signal (nohup; background jobs of a script) stays ignored:
    // it must not remove folders of a process that goes on running.
    if (previous_actions[i].sa_handler == SIG_IGN) continue;
    sigaction(kStopSignals[i], &action, nullptr);
  }
}

int ClaimSlot() {
  for (int i = 0; i < kMaxLiveFolders; ++i) {
    int expected = kFree;
    if (live_folders[i].state.compare_exchange_strong(expected, kFilling)) {
      return i;
    }
  }
  return -1;
}

}  // namespace

absl::StatusOr<ScratchDir> ScratchDir::Create(absl::string_view parent) {
  [[maybe_unused]] static const bool handlers_installed =
      (InstallSignalHandlers(), true);
  std::string path = absl::StrCat(parent, "/execbench-XXXXXX");
  if (path.size() + sizeof(kRemovalSuffix) > PATH_MAX) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot create a private folder in ", parent,
                     ": the path is too long"));
  }
  const int slot = ClaimSlot();
  if (slot < 0) {
    return absl::ResourceExhaustedError(
        absl::StrCat("cannot create a private folder in ", parent, ": ",
                     kMaxLiveFolders, " scratch folders are already alive"));
  }
  FolderSlot& entry = live_folders[slot];
  // mkdtemp() makes the folder with mode 0700. A signal between it and the
  // store of kLive below leaves the empty folder behind.
  if (mkdtemp(path.data()) == nullptr) {
    const int error = errno;
    entry.state.store(kFree, std::memory_order_release);
    return absl::ErrnoToStatus(
        error, absl::StrCat("cannot create a private folder in ", parent));
  }
  entry.owner = getpid();
  std::memcpy(entry.path, path.c_str(), path.size() + 1);
  std::memcpy(entry.removal_path, path.c_str(), path.size());
  std::memcpy(entry.removal_path + path.size(), kRemovalSuffix,
              sizeof(kRemovalSuffix));
  entry.state.store(kLive, std::memory_order_release);
  return ScratchDir(std::move(path), slot);
}

ScratchDir::ScratchDir(ScratchDir&& other) noexcept
    : path_(std::move(other.path_)), slot_(std::exchange(other.slot_, -1)) {}

ScratchDir::~ScratchDir() {
  if (slot_ < 0) return;
  FolderSlot& entry = live_folders[slot_];
  if (entry.owner == getpid()) {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
    if (error) {
      std::fprintf(stderr, "execbench: cannot remove %s: %s\n", path_.c_str(),
                   error.message().c_str());
    }
  }
  entry.state.store(kFree, std::memory_order_release);
}

std::string DefaultScratchParent() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir != nullptr && tmpdir[0] != '\0' ? tmpdir : "/tmp";
}

}  // namespace execbench
