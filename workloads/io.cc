// Io: each task writes a text of random lowercase letters to its own file,
// the study's "I/O heavy" experiment (it wrote 50 MB per task).
//
// The files go into the workload's private folder for the run (RunFolder),
// made on the first from_flags() call and removed at exit. Task i writes
// "task-i.txt", truncating what the previous batch wrote there, as Python's
// open(path, "w") does; so the files of at most one batch are on disk at a
// time.
//
// The checksum is the number of bytes written mixed with the task's index:
// re-reading the file would add reads to a write benchmark.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/workload.h"
#include "workloads/files/whole_file.h"
#include "workloads/hashing/stable_hash.h"
#include "workloads/scratch/run_folder.h"
#include "workloads/text/random_text.h"

ABSL_FLAG(execbench::NonNegativeInt, io_bytes, {16 << 20},
          "Io: bytes each task writes to its file");
ABSL_FLAG(execbench::PositiveInt, io_tasks, {12}, "Io: tasks per batch");
ABSL_FLAG(bool, io_fsync, false,
          "Io: fsync each file before closing it, so that a task waits for "
          "the disk, not only the page cache");

namespace execbench {
namespace {

class Io final : public Workload {
 public:
  Io(int64_t bytes, std::string folder, bool fsync)
      : bytes_(bytes), folder_(std::move(folder)), fsync_(fsync) {}

  // Builds the text once per process: inside the timed region for process
  // pools, whose workers each build their own as Python's unpickle theirs.
  absl::Status Prepare() override {
    text_ = RandomLowercaseText(bytes_, kIoTextSeed);
    return absl::OkStatus();
  }

  absl::StatusOr<uint64_t> RunTask(int index) override {
    if (absl::Status status = WriteWholeFile(
            absl::StrCat(folder_, "/task-", index, ".txt"), text_, fsync_);
        !status.ok()) {
      return status;
    }
    return StableHash(text_.size(), static_cast<uint64_t>(index));
  }

 private:
  const int64_t bytes_;
  const std::string folder_;
  const bool fsync_;
  std::string text_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeIo(const WorkloadSpec& spec) {
  absl::StatusOr<int64_t> bytes = spec.GetInt("bytes");
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<std::string> folder = spec.GetString("folder");
  if (!folder.ok()) return folder.status();
  absl::StatusOr<bool> fsync = spec.GetBool("fsync");
  if (!fsync.ok()) return fsync.status();
  return std::make_unique<Io>(*bytes, *std::move(folder), *fsync);
}

absl::StatusOr<WorkloadRun> IoFromFlags() {
  absl::StatusOr<std::string> folder = RunFolder("Io");
  if (!folder.ok()) return folder.status();
  return WorkloadRun{
      .spec = {.params = {{"bytes",
                           absl::StrCat(absl::GetFlag(FLAGS_io_bytes).value)},
                          {"folder", *folder},
                          {"fsync",
                           absl::GetFlag(FLAGS_io_fsync) ? "true" : "false"}}},
      .tasks = absl::GetFlag(FLAGS_io_tasks).value};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Io",
     .description = "each task writes random lowercase text to its own "
                    "file (the study's I/O heavy)",
     .make = MakeIo,
     .from_flags = IoFromFlags,
     // The study: 12 tasks, each writing 50 MB.
     .seed_profile = {{"io_bytes", "52428800"}, {"io_tasks", "12"}},
     .small_profile = {{"io_bytes", "65536"}, {"io_tasks", "5"}}});

}  // namespace execbench
