// The build's context entries. The commit is the one the binary was built
// from, not whatever the source tree holds when bench runs: that of the
// project that links bench's main (execbench's own, or a project's built
// against the installed package), defined by the library
// execbench_build_commit (cmake/execbench_build_commit.cmake).

#include "benchmarks/context/build.h"

#include <curl/curlver.h>

#include "Eigen/Core"
#include "absl/base/config.h"
#include "absl/strings/str_cat.h"
#include "workloads/python/interpreter.h"

namespace execbench {

extern const char kBuildCommit[];
extern const char kBuildCommitDirty[];

ContextEntries BuildContext() {
  return {
      {"execbench_commit", kBuildCommit},
      {"execbench_commit_dirty", kBuildCommitDirty},
      {"execbench_build_type", EXECBENCH_BUILD_TYPE},
      {"execbench_compiler", EXECBENCH_COMPILER},
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
