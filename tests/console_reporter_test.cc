// Tests of ConsoleReporter's line per benchmark, on hand-made runs: the
// median wall time with the repetitions' range, the counters' medians, the
// aggregates alone, and an error.

#include "benchmarks/output/console_reporter.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using BenchmarkRun = benchmark::BenchmarkReporter::Run;

constexpr char kName[] = "Cpu/Threads/workers:2/manual_time";

BenchmarkRun Repetition(double wall_s, double tasks_per_s) {
  BenchmarkRun run;
  run.run_name.function_name = kName;
  run.run_type = BenchmarkRun::RT_Iteration;
  run.iterations = 1;
  run.real_accumulated_time = wall_s;
  run.time_unit = benchmark::kMillisecond;
  run.repetitions = 3;
  run.counters["tasks_per_s"] = benchmark::Counter(tasks_per_s);
  run.counters["startup_s"] = benchmark::Counter(0.0012);
  run.counters["cpu_per_wall"] = benchmark::Counter(1.96);
  run.counters["utilization"] = benchmark::Counter(0.989);
  return run;
}

TEST(ConsoleReporterTest, RepetitionsGiveTheirMedianRangeAndCounters) {
  const std::string line = ConsoleReporter::FormatBenchmark(
      {Repetition(0.112, 89), Repetition(0.103, 97), Repetition(0.105, 95)});
  EXPECT_THAT(line, StartsWith("Cpu/Threads/workers:2 "));
  EXPECT_THAT(line, HasSubstr(" median 105 ms (3 reps, 103-112 ms)"));
  EXPECT_THAT(line, HasSubstr("tasks 95.0 /s  start-up 1.20 ms  cpu/wall 1.96"
                              "  util 98.9%"));
}

TEST(ConsoleReporterTest, RangeSpellsBothUnitsWhenTheyDiffer) {
  const std::string line = ConsoleReporter::FormatBenchmark(
      {Repetition(0.00098, 1), Repetition(0.0012, 1)});
  EXPECT_THAT(line, HasSubstr("(2 reps, 980 us-1.20 ms)"));
}

TEST(ConsoleReporterTest, NoStartUpIsZeroSecondsWithoutDigits) {
  BenchmarkRun serial = Repetition(0.105, 95);
  serial.counters["startup_s"] = benchmark::Counter(0);
  EXPECT_THAT(ConsoleReporter::FormatBenchmark({serial}),
              HasSubstr("  start-up 0 s  cpu/wall"));
}

TEST(ConsoleReporterTest, AggregatesAloneGiveTheMedianAndTheCount) {
  BenchmarkRun median = Repetition(0.105, 95);
  median.run_type = BenchmarkRun::RT_Aggregate;
  median.aggregate_name = "median";
  median.repetitions = 7;
  BenchmarkRun mean = Repetition(0.5, 1);
  mean.run_type = BenchmarkRun::RT_Aggregate;
  mean.aggregate_name = "mean";
  const std::string line = ConsoleReporter::FormatBenchmark({mean, median});
  EXPECT_THAT(line, HasSubstr(" median 105 ms (7 reps)  tasks 95.0 /s"));
}

TEST(ConsoleReporterTest, AnErrorIsTheLine) {
  BenchmarkRun failed = Repetition(0.105, 95);
  failed.error_occurred = true;
  failed.error_message = "process pool broken";
  EXPECT_THAT(ConsoleReporter::FormatBenchmark({Repetition(0.1, 1), failed}),
              HasSubstr(" error: process pool broken"));
}

}  // namespace
}  // namespace execbench
