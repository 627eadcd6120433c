// PrintHelp(): bench --help: what bench runs and its exit codes, then the
// suite's flags (core/suite_flag.h), workloads and executors as registered,
// then Google Benchmark's flags.

#ifndef EXECBENCH_BENCHMARKS_CLI_HELP_H_
#define EXECBENCH_BENCHMARKS_CLI_HELP_H_

namespace execbench {

// Prints it on stdout.
void PrintHelp();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CLI_HELP_H_
