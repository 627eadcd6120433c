// TestFolder: a private folder for the files of one test, in GoogleTest's
// temporary folder, removed with all it holds when the test ends; and
// ReadFile(), for what a test's code wrote there.

#ifndef EXECBENCH_TESTS_TEST_FOLDER_H_
#define EXECBENCH_TESTS_TEST_FOLDER_H_

#include <filesystem>
#include <string>
#include <vector>

namespace execbench {

class TestFolder {
 public:
  // Makes the folder; a failure of the test if it cannot.
  TestFolder();
  ~TestFolder();
  TestFolder(const TestFolder&) = delete;
  TestFolder& operator=(const TestFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // The names of what folder `inside` of it holds (this folder itself for
  // ""), sorted.
  std::vector<std::string> Names(const std::string& inside = "") const;

 private:
  std::filesystem::path path_;
};

// The whole contents of the file at `path`; "" if it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

}  // namespace execbench

#endif  // EXECBENCH_TESTS_TEST_FOLDER_H_
