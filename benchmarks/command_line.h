// ParseCommandLineOrExit(): Google Benchmark's flags and the suite's, with
// one line and exit code 2 for a bad one, and --help listing both.

#ifndef EXECBENCH_BENCHMARKS_COMMAND_LINE_H_
#define EXECBENCH_BENCHMARKS_COMMAND_LINE_H_

namespace execbench {

// Consumes Google Benchmark's flags and sets the suite's (the Abseil flags
// defined in this project's sources), then applies --profile to the flags
// not given explicitly.
void ParseCommandLineOrExit(int* argc, char** argv);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_COMMAND_LINE_H_
