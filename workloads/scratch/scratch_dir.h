// ScratchDir: a private temporary folder (mode 0700, made by mkdtemp) that is
// removed with everything in it when the object is destroyed, and also when
// the process is stopped by SIGINT, SIGTERM or SIGHUP (Ctrl-C, kill, a closed
// terminal).
//
// Only the process that created a folder removes it: a child forked from that
// process (a fork-server worker writing into the folder, a death test) leaves
// it to its creator, whether the child exits or is stopped by a signal.
//
// On a signal the folder is renamed to "<path>.removing", so that tasks still
// running cannot add files to it, then its files and it are removed, but not
// sub-folders: the folder is meant for flat files, as the workloads use it.

#ifndef EXECBENCH_WORKLOADS_SCRATCH_SCRATCH_DIR_H_
#define EXECBENCH_WORKLOADS_SCRATCH_SCRATCH_DIR_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

class ScratchDir {
 public:
  // Creates a new folder "execbench-XXXXXX" in `parent`. Fails with a message
  // that names `parent` and the reason if it cannot, or if too many scratch
  // folders are alive at once.
  static absl::StatusOr<ScratchDir> Create(absl::string_view parent);

  ScratchDir(ScratchDir&& other) noexcept;
  ScratchDir& operator=(ScratchDir&& other) = delete;
  ~ScratchDir();

  const std::string& path() const { return path_; }

 private:
  ScratchDir(std::string path, int slot)
      : path_(std::move(path)), slot_(slot) {}

  std::string path_;
  int slot_;  // in the table of folders the signal handler removes; -1: moved
};

// Where scratch folders go by default: $TMPDIR if set, else /tmp.
std::string DefaultScratchParent();

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_SCRATCH_SCRATCH_DIR_H_
