// ParseCommandLineOrExit(): Google Benchmark's flags and the suite's, with
// one line and exit code 2 for a bad one, and --help listing both.
//
// Google Benchmark's flags of what is shown and written (--benchmark_format,
// --benchmark_display_aggregates_only, --benchmark_out,
// --benchmark_out_format) are taken off the command line and returned for
// bench to handle, so that the results file is written at the end of the
// run (see output/results_file.h); Google Benchmark reads the others.

#ifndef EXECBENCH_BENCHMARKS_CLI_COMMAND_LINE_H_
#define EXECBENCH_BENCHMARKS_CLI_COMMAND_LINE_H_

#include <string>
#include <vector>

#include "core/workload.h"

namespace execbench {

// What the command line asks of the run's outputs. Formats are "console",
// "json" or "csv".
struct CommandLine {
  // --benchmark_format: how the run is shown as it goes.
  std::string display_format = "console";
  // --benchmark_display_aggregates_only: the display leaves out the runs of
  // a benchmark whose aggregates it shows.
  bool display_aggregates_only = false;
  // --benchmark_out ("": no results file) and --benchmark_out_format.
  std::string results_path;
  std::string results_format = "json";
  // The workloads that the flags ask for, by name: the rows of the grid.
  // Each one's check_flags() has run once, here, and said so (or it has
  // none); workloads that only tests use (no from_flags) are not among them.
  std::vector<const WorkloadRegistration*> grid_workloads;
};

// Consumes Google Benchmark's flags and sets the suite's (those defined with
// EXECBENCH_FLAG, core/suite_flag.h), then applies --profile to the flags
// not given explicitly, and sets what the flags configure.
CommandLine ParseCommandLineOrExit(int* argc, char** argv);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CLI_COMMAND_LINE_H_
