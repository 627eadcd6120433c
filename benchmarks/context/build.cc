// The build's context entries. The commit is the one the binary was built
// from (build_info.h, written by git at build time: cmake/build_info.cmake),
// not whatever the source tree holds when bench runs.

#include "benchmarks/context/build.h"

#include <curl/curlver.h>

#include "Eigen/Core"
#include "absl/base/config.h"
#include "absl/strings/str_cat.h"
#include "build_info.h"
#include "workloads/python/interpreter.h"

namespace execbench {

ContextEntries BuildContext() {
  return {
      {"execbench_commit", EXECBENCH_BUILD_COMMIT},
      {"execbench_commit_dirty", EXECBENCH_BUILD_DIRTY},
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
