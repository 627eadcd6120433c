// Gathering the run context. The commit is the one the binary was built
// from (build_info.h, written by git at build time), not whatever the source
// tree holds when bench runs.

#include "benchmarks/run_context.h"

#include <curl/curlver.h>

#include <fstream>

#include "Eigen/Core"
#include "absl/base/config.h"
#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "benchmarks/suite_flags.h"
#include "build_info.h"
#include "core/suite_flag.h"
#include "workloads/python/interpreter.h"

namespace execbench {
namespace {

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
  std::map<std::string, std::string> context = {
      {"execbench_commit", EXECBENCH_BUILD_COMMIT},
      {"execbench_commit_dirty", EXECBENCH_BUILD_DIRTY},
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
  std::vector<std::string> changed;
  for (const absl::CommandLineFlag* flag : SuiteFlags()) {
    const std::string name(flag->Name());
    const std::string value = flag->CurrentValue();
    context[absl::StrCat("execbench_flag_", name)] = value;
    // Where output goes is no factor of what is measured.
    const bool output = name == "spans_out" || name == "trace_out";
    if (value != flag->DefaultValue() && !output) {
      changed.push_back(absl::StrCat(name, "=", value));
    }
  }
  context["execbench_flags_changed"] = absl::StrJoin(changed, " ");
  return context;
}

}  // namespace execbench
