// Gathering the run context. The commit is read from the source tree with
// git when `bench` starts (scripts/run and scripts/record rebuild first, so
// the binary matches the tree).

#include "benchmarks/run_context.h"

#include <curl/curlver.h>

#include <cstdio>
#include <fstream>

#include "Eigen/Core"
#include "absl/base/config.h"
#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "benchmarks/suite_flags.h"
#include "workloads/python/interpreter.h"

namespace execbench {
namespace {

// The first line `command` prints, or "" if it fails.
std::string FirstLineOf(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  char line[512] = {};
  const bool read = std::fgets(line, sizeof(line), pipe) != nullptr;
  const int status = pclose(pipe);
  if (!read || status != 0) return "";
  return std::string(absl::StripTrailingAsciiWhitespace(line));
}

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (absl::StartsWith(line, "model name")) {
      return std::string(
          absl::StripAsciiWhitespace(line.substr(line.find(':') + 1)));
    }
  }
  return "unknown";
}

}  // namespace

std::map<std::string, std::string> RunContext() {
  const std::string git = absl::StrCat("git -C '", EXECBENCH_SOURCE_DIR, "' ");
  std::string commit = FirstLineOf(git + "rev-parse HEAD 2>/dev/null");
  std::string dirty = "unknown";
  if (commit.empty()) {
    commit = "unknown";
  } else {
    dirty = FirstLineOf(git +
                        "status --porcelain --untracked-files=no "
                        "2>/dev/null | head -c1 | wc -c") == "0"
                ? "false"
                : "true";
  }
  return {
      {"execbench_commit", commit},
      {"execbench_commit_dirty", dirty},
      {"execbench_build_type", EXECBENCH_BUILD_TYPE},
      {"execbench_compiler", EXECBENCH_COMPILER},
      {"execbench_cpu_model", CpuModel()},
      {"execbench_profile", absl::GetFlag(FLAGS_profile)},
      {"execbench_benchmark_version", EXECBENCH_BENCHMARK_VERSION},
      {"execbench_eigen_version",
       absl::StrCat(EIGEN_WORLD_VERSION, ".", EIGEN_MAJOR_VERSION, ".",
                    EIGEN_MINOR_VERSION)},
      {"execbench_curl_version", LIBCURL_VERSION},
      {"execbench_abseil_version", absl::StrCat(ABSL_LTS_RELEASE_VERSION)},
      {"execbench_python_version", PythonVersion()},
  };
}

}  // namespace execbench
