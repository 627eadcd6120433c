// BuildContext(): what built the binary, so that results can be compared
// later knowing what they came from: the commit and whether tracked files
// differed from it, the build type, the compiler and the libraries'
// versions (execbench_commit, execbench_commit_dirty, execbench_build_type,
// execbench_compiler, execbench_<library>_version).

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_BUILD_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_BUILD_H_

#include "benchmarks/context/probe.h"

namespace execbench {

ContextEntries BuildContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_BUILD_H_
