// Tests of WriteFileAtomically(): the whole contents or nothing, and never a
// temporary file left behind.

#include "benchmarks/output/atomic_file.h"

#include <signal.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_folder.h"

namespace execbench {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Limits the size of the files this process writes (RLIMIT_FSIZE), so that a
// write fails with EFBIG instead of raising SIGXFSZ, until destroyed.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_limit_);
    saved_handler_ = signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_limit_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_limit_);
    signal(SIGXFSZ, saved_handler_);
  }

 private:
  rlimit saved_limit_;
  sighandler_t saved_handler_;
};

class AtomicFileTest : public testing::Test {
 protected:
  // The names of the files in the test's folder.
  std::vector<std::string> Files() const { return folder_.Names(); }

  TestFolder folder_;
  const std::filesystem::path dir_ = folder_.path();
};

TEST_F(AtomicFileTest, WritesTheWholeContents) {
  std::string contents;
  for (int i = 0; i < (3 << 20); ++i) contents.push_back(static_cast<char>(i));
  const std::filesystem::path path = dir_ / "out.json";
  ASSERT_TRUE(WriteFileAtomically(path.string(), contents).ok());
  EXPECT_EQ(ReadFile(path), contents);
  EXPECT_THAT(Files(), ElementsAre("out.json"));
}

TEST_F(AtomicFileTest, WritesAnEmptyFile) {
  const std::filesystem::path path = dir_ / "empty.json";
  ASSERT_TRUE(WriteFileAtomically(path.string(), "").ok());
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::filesystem::file_size(path), 0);
}

TEST_F(AtomicFileTest, ReplacesAnExistingFile) {
  const std::filesystem::path path = dir_ / "out.json";
  ASSERT_TRUE(WriteFileAtomically(path.string(), "old contents, longer").ok());
  ASSERT_TRUE(WriteFileAtomically(path.string(), "new").ok());
  EXPECT_EQ(ReadFile(path), "new");
  EXPECT_THAT(Files(), ElementsAre("out.json"));
}

TEST_F(AtomicFileTest, MissingFolderFailsNamingThePath) {
  const std::filesystem::path path = dir_ / "missing" / "out.json";
  const absl::Status status = WriteFileAtomically(path.string(), "contents");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr(path.string()));
  EXPECT_THAT(Files(), IsEmpty());
}

TEST_F(AtomicFileTest, UnwritableLocationFails) {
  EXPECT_FALSE(
      WriteFileAtomically("/proc/execbench_atomic_file_test", "contents").ok());
  EXPECT_FALSE(std::filesystem::exists("/proc/execbench_atomic_file_test"));
}

TEST_F(AtomicFileTest, FailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile) {
  const std::filesystem::path path = dir_ / "out.json";
  ASSERT_TRUE(WriteFileAtomically(path.string(), "old").ok());
  absl::Status status;
  {
    const FileSizeLimit limit(16);
    status = WriteFileAtomically(path.string(), std::string(4096, 'x'));
  }
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr(path.string()));
  EXPECT_EQ(ReadFile(path), "old");
  EXPECT_THAT(Files(), ElementsAre("out.json"));
}

TEST_F(AtomicFileTest, FailedRenameLeavesNoTemporaryFile) {
  // A non-empty folder cannot be replaced by a file.
  const std::filesystem::path path = dir_ / "folder";
  std::filesystem::create_directory(path);
  std::ofstream(path / "inside") << "kept";
  const absl::Status status = WriteFileAtomically(path.string(), "contents");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr(path.string()));
  EXPECT_THAT(Files(), ElementsAre("folder"));
  EXPECT_EQ(ReadFile(path / "inside"), "kept");
}

}  // namespace
}  // namespace execbench
