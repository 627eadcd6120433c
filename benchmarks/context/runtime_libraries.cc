// Reading the versions of oneTBB, OpenMP, MPI and libjpeg-turbo.

#include "benchmarks/context/runtime_libraries.h"

#include <jconfig.h>
#include <mpi.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "oneapi/tbb/version.h"

namespace execbench {
namespace {

// The MPI library's own name and version, up to its first comma: MPI allows
// the call before MPI_Init, so this works in every process.
std::string MpiVersion() {
  char version[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  if (MPI_Get_library_version(version, &length) != MPI_SUCCESS) {
    return "unknown";
  }
  const std::string text(version, length);
  return text.substr(0, text.find(','));
}

}  // namespace

ContextEntries RuntimeLibrariesContext() {
  return {
      {"execbench_tbb_version", TBB_runtime_version()},
      {"execbench_openmp_version", absl::StrCat(_OPENMP)},
      {"execbench_mpi_version", MpiVersion()},
      {"execbench_jpeg_turbo_version",
       absl::StrCat(LIBJPEG_TURBO_VERSION_NUMBER / 1000000, ".",
                    LIBJPEG_TURBO_VERSION_NUMBER / 1000 % 1000, ".",
                    LIBJPEG_TURBO_VERSION_NUMBER % 1000)},
  };
}

}  // namespace execbench
