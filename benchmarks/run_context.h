// RunContext(): what a result must carry to be compared later: the commit
// and build the binary comes from, the compiler, library versions, the CPU,
// and every suite flag's value (execbench_flag_<name>), with those that
// differ from their defaults listed in execbench_flags_changed.

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
