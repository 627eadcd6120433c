// ConsoleReporter: bench's console output, one short line per run with every
// number in a unit chosen for it (4.21 ms, 238 k/s, 61%), instead of Google
// Benchmark's table whose lines pass 300 characters and whose counters mix
// scales (0.0212559, 543.209u, 262.144k). It leaves out Google Benchmark's
// CPU column, which is the CPU time of the thread that runs the benchmark
// loop, not of the workers, and says so once; cpu/wall is the suite's own
// measure of CPU use. The JSON output (--benchmark_out) is untouched.

#ifndef EXECBENCH_BENCHMARKS_OUTPUT_CONSOLE_REPORTER_H_
#define EXECBENCH_BENCHMARKS_OUTPUT_CONSOLE_REPORTER_H_

#include <string>
#include <vector>

#include "benchmark/benchmark.h"

namespace execbench {

class ConsoleReporter final : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;

  // One run's line, without the end of line (for tests).
  static std::string FormatRun(const Run& run);
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_OUTPUT_CONSOLE_REPORTER_H_
