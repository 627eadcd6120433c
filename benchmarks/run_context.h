// RunContext(): what a result must carry to be compared later: the commit,
// the build, the compiler, library versions, the CPU and the profile.

#ifndef EXECBENCH_BENCHMARKS_RUN_CONTEXT_H_
#define EXECBENCH_BENCHMARKS_RUN_CONTEXT_H_

#include <map>
#include <string>

namespace execbench {

// Keys start with "execbench_"; they go into Google Benchmark's JSON context
// and the spans file.
std::map<std::string, std::string> RunContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_RUN_CONTEXT_H_
