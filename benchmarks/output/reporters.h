// The reporters that show and write Google Benchmark's reports, by format
// ("console", "json" or "csv", as --benchmark_format and
// --benchmark_out_format name them).

#ifndef EXECBENCH_BENCHMARKS_OUTPUT_REPORTERS_H_
#define EXECBENCH_BENCHMARKS_OUTPUT_REPORTERS_H_

#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "benchmarks/output/console_reporter.h"

namespace execbench {

// What shows the run on the terminal as it goes: bench's console lines
// (console_reporter.h) with `console` options, or Google Benchmark's JSON or
// CSV.
std::unique_ptr<benchmark::BenchmarkReporter> DisplayReporter(
    const std::string& format, ConsoleOptions console);

// What writes the results file: Google Benchmark's own reporter, its console
// table without colours as in the --benchmark_out files it writes itself.
std::unique_ptr<benchmark::BenchmarkReporter> FileReporter(
    const std::string& format);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_OUTPUT_REPORTERS_H_
