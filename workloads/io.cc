// Io: each task writes a text of random lowercase letters to its own file,
// the study's "I/O heavy" experiment (it wrote 50 MB per task).
//
// The files go into the workload's private folder for the run (RunFolder),
// made on the first from_flags() call and removed at exit. Task i writes
// "task-i.txt" (with O_TRUNC, as Python's open(path, "w") does); before each
// batch, outside the timed region, Settle() removes the previous batch's
// files and writes back the page cache, so the files of at most one batch
// are on disk at a time.
//
// The checksum is the number of bytes written mixed with the task's index:
// re-reading the file would add reads to a write benchmark.

#include <dirent.h>
#include <fcntl.h>
#include <liburing.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/async_workload.h"
#include "core/flag_types.h"
#include "core/machine_limits.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "workloads/files/whole_file.h"
#include "workloads/hashing/stable_hash.h"
#include "workloads/scratch/run_folder.h"
#include "workloads/text/random_text.h"

EXECBENCH_FLAG(execbench::NonNegativeInt, io_bytes, {16 << 20},
               "Io: bytes each task writes to its file");
EXECBENCH_FLAG(execbench::TaskCount, io_tasks, {12}, "Io: tasks per batch");
EXECBENCH_FLAG(
    bool, io_fsync, false,
    "Io: fsync each file before closing it, so that a task waits for "
    "the disk, not only the page cache");

namespace execbench {
namespace {

// The most one io_uring write asks for (its length is 32 bits).
constexpr size_t kMaxWriteBytes = size_t{1} << 30;

// Its asynchronous form writes the same bytes through io_uring: open, writes
// until the whole text is in, fsync if asked, close; each step is submitted
// from the previous one's completion.
class Io final : public Workload, public AsyncWorkload {
 public:
  Io(int64_t bytes, std::string folder, bool fsync)
      : bytes_(bytes), folder_(std::move(folder)), fsync_(fsync) {}

  // Builds the text once per process: inside the timed region for process
  // pools, whose workers each build their own as Python's unpickle theirs.
  absl::Status Prepare() override {
    text_ = RandomLowercaseText(bytes_, kIoTextSeed);
    return absl::OkStatus();
  }

  // Removes the previous batch's files, then has the kernel write back what
  // is still dirty on the folder's filesystem, so that every batch starts
  // from a settled page cache: without it, write-back of one batch's files
  // runs during the next and makes its time depend on the one before.
  absl::Status Settle() override {
    DIR* dir = opendir(folder_.c_str());
    if (dir == nullptr) {
      return absl::ErrnoToStatus(errno,
                                 absl::StrCat("Io: cannot open ", folder_));
    }
    while (const dirent* entry = readdir(dir)) {
      if (absl::StartsWith(entry->d_name, "task-")) {
        unlinkat(dirfd(dir), entry->d_name, 0);
      }
    }
    const int synced = syncfs(dirfd(dir));
    const int error = errno;
    closedir(dir);
    if (synced != 0) {
      return absl::ErrnoToStatus(error,
                                 absl::StrCat("Io: cannot sync ", folder_));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<uint64_t> RunTask(int index) override {
    if (absl::Status status = WriteWholeFile(Path(index), text_, fsync_);
        !status.ok()) {
      return status;
    }
    return Checksum(index);
  }

  AsyncWorkload* async() override { return this; }
  bool uses_io_uring() const override { return true; }

  void StartTask(int index, AsyncIo& io, AsyncTaskDone done) override {
    auto file = std::make_shared<AsyncFile>(AsyncFile{
        .index = index, .path = Path(index), .done = std::move(done)});
    io.SubmitIo(
        [&](io_uring_sqe* entry) {
          io_uring_prep_openat(entry, AT_FDCWD, file->path.c_str(),
                               O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        },
        [this, &io, file](int fd) {
          if (fd < 0) return Fail(*file, -fd, "create");
          file->fd = fd;
          WriteRest(io, file);
        });
  }

 private:
  // One task's file on its way through the ring.
  struct AsyncFile {
    int index;
    std::string path;
    AsyncTaskDone done;
    int fd = -1;
    size_t written = 0;
  };

  std::string Path(int index) const {
    return absl::StrCat(folder_, "/task-", index, ".txt");
  }

  uint64_t Checksum(int index) const {
    return StableHash(text_.size(), static_cast<uint64_t>(index));
  }

  // Writes what is left of the text, then fsyncs if asked, then closes.
  void WriteRest(AsyncIo& io, std::shared_ptr<AsyncFile> file) {
    if (file->written == text_.size())
      return fsync_ ? Sync(io, file) : Close(io, file);
    io.SubmitIo(
        [&](io_uring_sqe* entry) {
          io_uring_prep_write(
              entry, file->fd, text_.data() + file->written,
              std::min<size_t>(text_.size() - file->written, kMaxWriteBytes),
              file->written);
        },
        [this, &io, file](int written) {
          if (written <= 0)
            return Fail(*file, written < 0 ? -written : EIO, "write");
          file->written += written;
          WriteRest(io, file);
        });
  }

  void Sync(AsyncIo& io, std::shared_ptr<AsyncFile> file) {
    io.SubmitIo(
        [&](io_uring_sqe* entry) { io_uring_prep_fsync(entry, file->fd, 0); },
        [this, &io, file](int result) {
          if (result < 0) return Fail(*file, -result, "fsync");
          Close(io, file);
        });
  }

  void Close(AsyncIo& io, std::shared_ptr<AsyncFile> file) {
    io.SubmitIo(
        [&](io_uring_sqe* entry) { io_uring_prep_close(entry, file->fd); },
        [this, file](int result) {
          file->fd = -1;  // closed even when close reports an error
          if (result < 0) return Fail(*file, -result, "close");
          file->done(Checksum(file->index));
        });
  }

  // Ends the task with `error` from `step`, closing the file if it is open.
  static void Fail(AsyncFile& file, int error, absl::string_view step) {
    if (file.fd >= 0) close(file.fd);
    file.done(absl::ErrnoToStatus(
        error, absl::StrCat("Io: cannot ", step, " ", file.path)));
  }

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
  const int64_t bytes = absl::GetFlag(FLAGS_io_bytes).value;
  if (absl::Status fits =
          CheckMemory("Io", "the text that each process writes", bytes);
      !fits.ok()) {
    return fits;
  }
  absl::StatusOr<std::string> folder = RunFolder("Io");
  if (!folder.ok()) return folder.status();
  return WorkloadRun{
      .spec = {.params = {{"bytes", absl::StrCat(bytes)},
                          {"folder", *folder},
                          {"fsync",
                           absl::GetFlag(FLAGS_io_fsync) ? "true" : "false"}}},
      .tasks = absl::GetFlag(FLAGS_io_tasks).value,
      .process_bytes = bytes};
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
     .small_profile = {{"io_bytes", "65536"}, {"io_tasks", "5"}},
     .asynchronous = true});

}  // namespace execbench
