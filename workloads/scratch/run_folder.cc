// The run's private folders, one per workload and parent folder.

#include "workloads/scratch/run_folder.h"

#include <map>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/flags/flag.h"
#include "absl/synchronization/mutex.h"
#include "core/suite_flag.h"
#include "workloads/scratch/scratch_dir.h"

EXECBENCH_FLAG(std::string, io_dir, "",
               "Io, PyIo, Image, PyImage: folder in which the run's private "
               "folders are created; empty: $TMPDIR, or /tmp");

namespace execbench {

absl::StatusOr<std::string> RunFolder(absl::string_view workload) {
  ABSL_CONST_INIT static absl::Mutex mutex(absl::kConstInit);
  // Destroyed at exit, which removes the folders.
  static std::map<std::pair<std::string, std::string>, ScratchDir> folders;
  std::string parent = absl::GetFlag(FLAGS_io_dir);
  if (parent.empty()) parent = DefaultScratchParent();
  std::pair<std::string, std::string> key(workload, std::move(parent));
  absl::MutexLock lock(&mutex);
  if (auto it = folders.find(key); it != folders.end()) {
    return it->second.path();
  }
  absl::StatusOr<ScratchDir> folder = ScratchDir::Create(key.second);
  if (!folder.ok()) return folder.status();
  return folders.try_emplace(std::move(key), *std::move(folder))
      .first->second.path();
}

}  // namespace execbench
