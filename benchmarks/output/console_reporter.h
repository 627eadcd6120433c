// ConsoleReporter: bench's console output. By default one line per
// benchmark, once all its repetitions are done, with the run's progress:
//
//   [ 12/315] Cpu/Threads/workers:2    median 105 ms (7 reps, 103-112 ms)
//             tasks 94.9 /s  start-up 1.20 ms  cpu/wall 1.96  util 98.9%
//
// (on one line), every number in a unit chosen for it, instead of Google
// Benchmark's table whose lines pass 300 characters and whose counters mix
// scales (0.0212559, 543.209u, 262.144k); with --console_repetitions, a line
// per repetition and per aggregate, as Google Benchmark prints them. It
// leaves out Google Benchmark's CPU column, which is the CPU time of the
// thread that runs the benchmark loop, not of the workers, and says so
// once; cpu/wall is the suite's own measure of CPU use. Google Benchmark's
// header goes to stderr, without the value of every flag (the JSON has them;
// execbench_flags_changed is shown) and with a line after its "Library was
// built as DEBUG" warning saying what that concerns. The JSON output
// (--benchmark_out) is untouched.

#ifndef EXECBENCH_BENCHMARKS_OUTPUT_CONSOLE_REPORTER_H_
#define EXECBENCH_BENCHMARKS_OUTPUT_CONSOLE_REPORTER_H_

#include <string>
#include <vector>

#include "benchmark/benchmark.h"

namespace execbench {

struct ConsoleOptions {
  // How many benchmarks the run selects, for "[k/N]"; 0 when unknown.
  int benchmarks = 0;
  // A line per repetition and per aggregate instead of one per benchmark.
  bool every_repetition = false;
};

class ConsoleReporter final : public benchmark::BenchmarkReporter {
 public:
  explicit ConsoleReporter(ConsoleOptions options) : options_(options) {}

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;

  // One run's line, without the end of line (for tests).
  static std::string FormatRun(const Run& run);
  // One benchmark's line from its repetitions, or from its aggregates when
  // they come alone (--benchmark_display_aggregates_only), without the
  // progress and the end of line (for tests).
  static std::string FormatBenchmark(const std::vector<Run>& runs);

  // The line that follows Google Benchmark's "Library was built as DEBUG".
  static constexpr char kDebugLibraryNote[] =
      "(That warning concerns only Google Benchmark's own bookkeeping: "
      "Debian builds it without NDEBUG. The executors time the batches "
      "themselves; execbench_build_type says how bench was built.)";

 private:
  const ConsoleOptions options_;
  int reported_ = 0;       // Benchmarks whose line was printed.
  std::string last_name_;  // The last benchmark printed.
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_OUTPUT_CONSOLE_REPORTER_H_
