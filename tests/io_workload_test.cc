// Tests of the Io workload and its ScratchDir: equal checksums and files on
// every executor, a private folder that is gone after a batch, after a failed
// batch and after SIGINT or SIGTERM, and failures that name the path and the
// reason for a full disk and for folders that root cannot write either.

#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/executor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/workload_batches.h"
#include "workloads/scratch/scratch_dir.h"

ABSL_DECLARE_FLAG(std::string, io_dir);

namespace execbench {
namespace {

using ::testing::AllOf;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr int64_t kBytes = 100'003;

WorkloadSpec IoSpec(const std::string& folder, int64_t bytes,
                    bool fsync = false) {
  return {.name = "Io",
          .params = {{"bytes", absl::StrCat(bytes)},
                     {"folder", folder},
                     {"fsync", fsync ? "true" : "false"}}};
}

std::string TaskFile(const std::string& folder, int index) {
  return absl::StrCat(folder, "/task-", index, ".txt");
}

std::vector<std::string> FolderEntries(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename());
  }
  return names;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

mode_t Permissions(const std::string& path) {
  struct stat info = {};
  EXPECT_EQ(stat(path.c_str(), &info), 0)
      << path << ": " << std::strerror(errno);
  return info.st_mode & 07777;
}

// A tmpfs mounted for one test, unmounted when destroyed. `error` is mount's
// errno: mounting needs root with CAP_SYS_ADMIN.
struct TmpfsMount {
  TmpfsMount(std::string mount_point, const char* options, unsigned long flags)
      : point(std::move(mount_point)) {
    std::filesystem::create_directory(point);
    error =
        mount("tmpfs", point.c_str(), "tmpfs", flags, options) == 0 ? 0 : errno;
  }
  ~TmpfsMount() {
    if (error == 0) umount2(point.c_str(), MNT_DETACH);
    std::filesystem::remove(point);
  }

  std::string point;
  int error;
};

// Each test works inside a folder of its own, and checks that it leaves
// nothing in it.
class IoWorkloadTest : public testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<ScratchDir> made =
        ScratchDir::Create(DefaultScratchParent());
    ASSERT_TRUE(made.ok()) << made.status();
    parent_.emplace(*std::move(made));
  }

  const std::string& parent() const { return parent_->path(); }

  ScratchDir NewFolder() {
    absl::StatusOr<ScratchDir> folder = ScratchDir::Create(parent());
    EXPECT_TRUE(folder.ok()) << folder.status();
    return *std::move(folder);
  }

 private:
  std::optional<ScratchDir> parent_;
};

TEST_F(IoWorkloadTest, ScratchDirIsPrivateAndRemovedWithItsFiles) {
  std::string path;
  {
    ScratchDir folder = NewFolder();
    path = folder.path();
    EXPECT_EQ(Permissions(path), 0700);
    std::ofstream(TaskFile(path, 0)) << "text";
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_THAT(FolderEntries(parent()), IsEmpty());
}

TEST_F(IoWorkloadTest, EveryExecutorWritesTheSameFilesAndChecksums) {
  constexpr int kTasks = 5;
  {
    ScratchDir folder = NewFolder();
    std::vector<uint64_t> serial_checksums;
    std::string serial_text;
    for (const std::string& executor : AvailableExecutorNames()) {
      SCOPED_TRACE(executor);
      for (const std::string& name : FolderEntries(folder.path())) {
        std::filesystem::remove(folder.path() + "/" + name);
      }
      absl::StatusOr<BatchResult> batch =
          RunWorkloadBatch(executor, IoSpec(folder.path(), kBytes), kTasks);
      ASSERT_TRUE(batch.ok()) << batch.status();
      ASSERT_THAT(FolderEntries(folder.path()), SizeIs(kTasks));
      for (int i = 0; i < kTasks; ++i) {
        EXPECT_EQ(std::filesystem::file_size(TaskFile(folder.path(), i)),
                  kBytes);
      }
      const std::string text = ReadFile(TaskFile(folder.path(), kTasks - 1));
      if (serial_checksums.empty()) {
        serial_checksums = batch->checksums;
        serial_text = text;
      }
      EXPECT_EQ(batch->checksums, serial_checksums);
      EXPECT_EQ(text, serial_text);
    }
    EXPECT_THAT(
        std::set<uint64_t>(serial_checksums.begin(), serial_checksums.end()),
        SizeIs(kTasks));
    EXPECT_THAT(
        std::set<char>(serial_text.begin(), serial_text.end()),
        AllOf(SizeIs(26), Each(AllOf(testing::Ge('a'), testing::Le('z')))));
  }
  EXPECT_THAT(FolderEntries(parent()), IsEmpty());
}

TEST_F(IoWorkloadTest, FsyncGivesTheSameFilesAndChecksums) {
  ScratchDir folder = NewFolder();
  absl::StatusOr<BatchResult> plain =
      RunWorkloadBatch("Serial", IoSpec(folder.path(), kBytes), 2);
  ASSERT_TRUE(plain.ok()) << plain.status();
  absl::StatusOr<BatchResult> synced = RunWorkloadBatch(
      "Processes", IoSpec(folder.path(), kBytes, /*fsync=*/true), 2);
  ASSERT_TRUE(synced.ok()) << synced.status();
  EXPECT_EQ(synced->checksums, plain->checksums);
  EXPECT_EQ(std::filesystem::file_size(TaskFile(folder.path(), 1)), kBytes);
}

TEST_F(IoWorkloadTest, FromFlagsMakesOnePrivateFolderInIoDir) {
  absl::FlagSaver restore_flags;
  absl::SetFlag(&FLAGS_io_dir, parent());
  absl::StatusOr<const WorkloadRegistration*> found = FindWorkload("Io");
  ASSERT_TRUE(found.ok()) << found.status();
  const WorkloadRegistration* io = *found;
  absl::StatusOr<WorkloadRun> run = RunFromFlags(*io);
  ASSERT_TRUE(run.ok()) << run.status();
  absl::StatusOr<std::string> folder = run->spec.GetString("folder");
  ASSERT_TRUE(folder.ok()) << folder.status();
  EXPECT_EQ(std::filesystem::path(*folder).parent_path(), parent());
  EXPECT_EQ(Permissions(*folder), 0700);
  EXPECT_EQ(run->tasks, 12);

  absl::StatusOr<WorkloadRun> again = RunFromFlags(*io);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->spec, run->spec);
}

// /dev/full fails every write with ENOSPC, for root too: a full disk that
// every machine has. Task 1's file is a link to it.
TEST_F(IoWorkloadTest, FullDiskFailsTheBatchNamingThePath) {
  for (const std::string& executor : AvailableExecutorNames()) {
    SCOPED_TRACE(executor);
    ScratchDir folder = NewFolder();
    std::filesystem::create_symlink("/dev/full", TaskFile(folder.path(), 1));
    absl::StatusOr<BatchResult> batch =
        RunWorkloadBatch(executor, IoSpec(folder.path(), kBytes), 3);
    ASSERT_FALSE(batch.ok());
    EXPECT_THAT(batch.status().ToString(),
                AllOf(HasSubstr(absl::StrCat("cannot write ",
                                             TaskFile(folder.path(), 1))),
                      HasSubstr(std::strerror(ENOSPC))));
  }
  EXPECT_THAT(FolderEntries(parent()), IsEmpty());
}

TEST_F(IoWorkloadTest, FullFileSystemFailsTheTask) {
  TmpfsMount tiny(parent() + "/tiny", "size=64k", 0);
  if (tiny.error != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): "
                 << std::strerror(tiny.error);
  }
  {
    absl::StatusOr<ScratchDir> folder = ScratchDir::Create(tiny.point);
    ASSERT_TRUE(folder.ok()) << folder.status();
    absl::StatusOr<BatchResult> batch =
        RunWorkloadBatch("Processes", IoSpec(folder->path(), 1 << 20), 1);
    ASSERT_FALSE(batch.ok());
    EXPECT_THAT(batch.status().ToString(),
                AllOf(HasSubstr(TaskFile(folder->path(), 0)),
                      HasSubstr(std::strerror(ENOSPC))));
  }
  EXPECT_THAT(FolderEntries(tiny.point), IsEmpty());
}

TEST_F(IoWorkloadTest, ReadOnlyFileSystemFailsWithTheReason) {
  TmpfsMount read_only(parent() + "/read-only", "size=64k", MS_RDONLY);
  if (read_only.error != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): "
                 << std::strerror(read_only.error);
  }
  absl::StatusOr<ScratchDir> folder = ScratchDir::Create(read_only.point);
  ASSERT_FALSE(folder.ok());
  EXPECT_THAT(folder.status().ToString(),
              AllOf(HasSubstr(read_only.point), HasSubstr(strerror(EROFS))));

  absl::StatusOr<BatchResult> batch =
      RunWorkloadBatch("Serial", IoSpec(read_only.point, kBytes), 1);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().ToString(),
              AllOf(HasSubstr(TaskFile(read_only.point, 0)),
                    HasSubstr(strerror(EROFS))));
}

// A path under a regular file is not a folder, whoever asks.
TEST_F(IoWorkloadTest, FolderUnderARegularFileFailsWithTheReason) {
  const std::string file = parent() + "/file";
  std::ofstream(file) << "not a folder";
  absl::StatusOr<ScratchDir> folder = ScratchDir::Create(file);
  ASSERT_FALSE(folder.ok());
  EXPECT_THAT(folder.status().ToString(),
              AllOf(HasSubstr(file), HasSubstr(strerror(ENOTDIR))));

  for (const std::string& executor : AvailableExecutorNames()) {
    SCOPED_TRACE(executor);
    absl::StatusOr<BatchResult> batch =
        RunWorkloadBatch(executor, IoSpec(file, kBytes), 2);
    ASSERT_FALSE(batch.ok());
    EXPECT_THAT(batch.status().ToString(),
                AllOf(HasSubstr(absl::StrCat("cannot create ", file, "/task-")),
                      HasSubstr(strerror(ENOTDIR))));
  }
}

// Forks a child that runs `body`, then returns how it ended.
template <typename Body>
int StatusOfChild(Body body) {
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    body();
    _exit(0);
  }
  int status = 0;
  EXPECT_EQ(waitpid(child, &status, 0), child) << std::strerror(errno);
  return status;
}

TEST_F(IoWorkloadTest, StopSignalsRemoveTheFolderAndEndTheProcess) {
  for (int signal_number : {SIGINT, SIGTERM}) {
    SCOPED_TRACE(strsignal(signal_number));
    const int status = StatusOfChild([&] {
      absl::StatusOr<ScratchDir> folder = ScratchDir::Create(parent());
      if (!folder.ok()) _exit(2);
      std::ofstream(TaskFile(folder->path(), 0)) << "half-written";
      raise(signal_number);
      _exit(3);
    });
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal_number)
        << "wait status " << status;
    EXPECT_THAT(FolderEntries(parent()), IsEmpty());
  }
}

// Tasks on other threads (or in worker processes) go on writing while the
// handler removes the folder; they must not leave files behind.
TEST_F(IoWorkloadTest, StopSignalRemovesTheFolderWhileTasksWriteInIt) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int status = StatusOfChild([&] {
      absl::StatusOr<ScratchDir> folder = ScratchDir::Create(parent());
      if (!folder.ok()) _exit(2);
      const std::string path = folder->path();
      std::vector<std::thread> writers;
      for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&path, w] {
          const std::string text(1 << 20, 'x');
          for (int i = 0;; ++i) {
            std::ofstream(TaskFile(path, w * 1'000'000 + i)) << text;
          }
        });
      }
      absl::SleepFor(absl::Milliseconds(50));
      raise(SIGTERM);
      _exit(3);
    });
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM)
        << "wait status " << status;
    EXPECT_THAT(FolderEntries(parent()), IsEmpty());
  }
}

TEST_F(IoWorkloadTest, ForkedChildLeavesItsParentsFolderAlone) {
  ScratchDir folder = NewFolder();
  const int status = StatusOfChild([] { raise(SIGINT); });
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT)
      << "wait status " << status;
  EXPECT_TRUE(std::filesystem::is_directory(folder.path()));
}

}  // namespace
}  // namespace execbench
