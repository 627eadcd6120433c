// Private test folders, made with mkdtemp().

#include "tests/test_folder.h"

#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace execbench {

TestFolder::TestFolder() {
  std::string pattern =
      (std::filesystem::path(testing::TempDir()) / "execbench_XXXXXX").string();
  EXPECT_NE(mkdtemp(pattern.data()), nullptr) << "cannot make " << pattern;
  path_ = pattern;
}

TestFolder::~TestFolder() { std::filesystem::remove_all(path_); }

std::vector<std::string> TestFolder::Names(const std::string& inside) const {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(path_ / inside)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

}  // namespace execbench
