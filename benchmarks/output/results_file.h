// ResultsFile: the results file (--benchmark_out), Google Benchmark's own
// report of the run in the format --benchmark_out_format asks (json, the
// scripts' input; console or csv), written whole once the run has ended and
// the context's end-of-run probes were added (execbench_parallel_ceiling_end
// is in it), or not at all when bench is stopped before: a file of that name
// is then left as it was.
//
// Google Benchmark would write a --benchmark_out file itself, from the start
// of the run and with the context as it is then. So bench takes
// --benchmark_out and --benchmark_out_format off the command line
// (cli/command_line.h) and gives Google Benchmark a ResultsFile as its
// display reporter: it passes every report on to the display reporter and
// keeps a copy, and Write() replays the copy into Google Benchmark's
// reporter of the format asked, into a string it writes atomically. The
// JSON's "date" is then when the file is written, at the end of the run,
// where Google Benchmark's own file has the start.
//
// --benchmark_display_aggregates_only is bench's as well, applied here on
// the way to the display: given to Google Benchmark, it would keep the
// display reporter, and so the copy, from seeing the runs of a benchmark
// that has aggregates.

#ifndef EXECBENCH_BENCHMARKS_OUTPUT_RESULTS_FILE_H_
#define EXECBENCH_BENCHMARKS_OUTPUT_RESULTS_FILE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "benchmark/benchmark.h"

namespace execbench {

class ResultsFile final : public benchmark::BenchmarkReporter {
 public:
  // Shows the run on `display`, which must outlive this; with
  // `display_aggregates_only`, leaves a benchmark's runs out of the display
  // when aggregates of them follow. `path` is the file to write ("": none),
  // `format` "json", "console" or "csv".
  ResultsFile(benchmark::BenchmarkReporter& display,
              bool display_aggregates_only, std::string path,
              std::string format);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  // Writes the file, unless none was asked for or the run never started
  // (--benchmark_list_tests): what was reported, with Google Benchmark's
  // context as it is now.
  absl::Status Write() const;

 private:
  std::string Render() const;

  benchmark::BenchmarkReporter& display_;
  const bool display_aggregates_only_;
  const std::string path_;
  const std::string format_;
  std::optional<Context> context_;
  // Each ReportRuns() call's runs. Google Benchmark's reporters read no
  // pointer of a run but memory_result, which is null: bench registers no
  // memory manager.
  std::vector<std::vector<Run>> reports_;
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_OUTPUT_RESULTS_FILE_H_
