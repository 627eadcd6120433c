// RuntimeLibrariesContext(): the versions of the libraries that executors
// and workloads run on, beside those of build.h: oneTBB's as its shared
// library reports it at run time (execbench_tbb_version), the OpenMP
// specification the compiler implements, whose runtime (libgomp or libomp)
// comes with the compiler (execbench_openmp_version, e.g. "201511"), the MPI
// library's as it reports itself (execbench_mpi_version, e.g. "Open MPI
// v4.1.4"), and libjpeg-turbo's (execbench_jpeg_turbo_version).

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_RUNTIME_LIBRARIES_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_RUNTIME_LIBRARIES_H_

#include "benchmarks/context/probe.h"

namespace execbench {

ContextEntries RuntimeLibrariesContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_RUNTIME_LIBRARIES_H_
