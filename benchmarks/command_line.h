// ParseCommandLineOrExit(): Google Benchmark's flags and the suite's, with
// one line and exit code 2 for a bad one, and --help listing both.

#ifndef EXECBENCH_BENCHMARKS_COMMAND_LINE_H_
#define EXECBENCH_BENCHMARKS_COMMAND_LINE_H_

#include <string>

namespace execbench {

struct CommandLine {
  // Google Benchmark's --benchmark_format is console (the default).
  bool console_format = true;
  // Google Benchmark's --benchmark_out when its format is JSON, else "".
  std::string json_out;
};

// Consumes Google Benchmark's flags and sets the suite's (those defined with
// EXECBENCH_FLAG, core/suite_flag.h), then applies --profile to the flags
// not given explicitly, and sets what the flags configure.
CommandLine ParseCommandLineOrExit(int* argc, char** argv);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_COMMAND_LINE_H_
