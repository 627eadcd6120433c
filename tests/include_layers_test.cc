// The direction of the dependencies between folders, as their #include
// lines show it: core/ depends on no other folder; executors/ and workloads/
// on core/ only, never on each other (an executor knows no workload, a
// workload no executor); in benchmarks/, each role folder only on those
// below it (benchmarks/CMakeLists.txt):
//
//   main.cc -> families/, output/, context/ -> runner/, cli/

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace execbench {
namespace {

const std::set<std::string> kLibraries = {"core", "executors", "workloads"};

// Folder -> the folders its files may include besides their own. A file
// belongs to the longest folder its path starts with, and so does a header.
const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"core", {}},
    {"executors", {"core"}},
    {"workloads", {"core"}},
    {"benchmarks/cli", kLibraries},
    {"benchmarks/runner", kLibraries},
    {"benchmarks/families",
     {"core", "executors", "workloads", "benchmarks/runner", "benchmarks/cli"}},
    {"benchmarks/context",
     {"core", "executors", "workloads", "benchmarks/runner", "benchmarks/cli"}},
    {"benchmarks/output",
     {"core", "executors", "workloads", "benchmarks/runner", "benchmarks/cli"}},
    {"benchmarks",
     {"core", "executors", "workloads", "benchmarks/runner", "benchmarks/cli",
      "benchmarks/families", "benchmarks/output", "benchmarks/context"}},
};

// The folder of kMayInclude that `path` (relative to the sources) is in, or
// "" for none.
std::string FolderOf(const std::string& path) {
  std::string folder;
  for (const auto& [candidate, unused] : kMayInclude) {
    if (path.starts_with(candidate + "/") && candidate.size() > folder.size()) {
      folder = candidate;
    }
  }
  return folder;
}

// The project headers each file of the project's folders includes, by
// file, relative to the sources.
std::map<std::string, std::vector<std::string>> IncludesByFile() {
  const std::filesystem::path root = EXECBENCH_SOURCE_ROOT;
  const std::regex include_line(R"re(^#include "([^"]+)")re");
  std::map<std::string, std::vector<std::string>> includes;
  for (const char* top : {"core", "executors", "workloads", "benchmarks"}) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(root / top)) {
      const std::string extension = entry.path().extension().string();
      if (extension != ".h" && extension != ".cc") continue;
      const std::string file =
          std::filesystem::relative(entry.path(), root).string();
      std::ifstream in(entry.path());
      std::string line;
      std::smatch match;
      while (std::getline(in, line)) {
        if (std::regex_search(line, match, include_line)) {
          includes[file].push_back(match[1]);
        }
      }
    }
  }
  return includes;
}

TEST(IncludeLayersTest, EveryIncludePointsDown) {
  const std::map<std::string, std::vector<std::string>> includes =
      IncludesByFile();
  ASSERT_GT(includes.size(), 50u) << "sources not found";
  for (const auto& [file, headers] : includes) {
    const std::string folder = FolderOf(file);
    ASSERT_NE(folder, "") << file;
    const std::set<std::string>& allowed = kMayInclude.at(folder);
    for (const std::string& header : headers) {
      const std::string target = FolderOf(header);
      if (target.empty() || target == folder) continue;
      EXPECT_TRUE(allowed.count(target) > 0)
          << file << " (in " << folder << "/) includes " << header << " (in "
          << target << "/)";
    }
  }
}

TEST(IncludeLayersTest, BenchmarksHoldsOnlyMainBesideItsRoleFolders) {
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(EXECBENCH_SOURCE_ROOT) / "benchmarks")) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory()) {
      EXPECT_TRUE(kMayInclude.count("benchmarks/" + name) > 0)
          << "benchmarks/" << name << "/ is in no layer";
    } else {
      EXPECT_TRUE(name == "main.cc" || name == "CMakeLists.txt")
          << "benchmarks/" << name << " is in no role folder";
    }
  }
}

}  // namespace
}  // namespace execbench
