// Tests of BatchCounters: every counter against its documented formula, on
// hand-made batches.

#include "benchmarks/runner/batch_counters.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

using ::testing::ElementsAre;
using ::testing::Key;

constexpr int64_t kMs = 1'000'000;  // nanoseconds

TaskSpan Span(int worker, int64_t start_ms, int64_t stop_ms) {
  return {
      .start_ns = start_ms * kMs, .stop_ns = stop_ms * kMs, .worker = worker};
}

// 4 tasks on 2 workers, taking 100 + 200 + 150 + 100 = 550 ms in 400 ms.
BatchResult FirstBatch() {
  return {.workers = 2,
          .wall_ns = 400 * kMs,
          .startup_ns = 10 * kMs,
          .shutdown_ns = 30 * kMs,
          .cpu_ns = 600 * kMs,
          .involuntary_switches = 5,
          .spans = {Span(0, 0, 100), Span(1, 0, 200), Span(0, 100, 250),
                    Span(1, 200, 300)},
          .checksums = {1, 2, 3, 4}};
}

// 4 tasks on 2 workers, taking 300 + 100 + 50 + 50 = 500 ms in 600 ms.
BatchResult SecondBatch() {
  return {.workers = 2,
          .wall_ns = 600 * kMs,
          .startup_ns = 30 * kMs,
          .shutdown_ns = 50 * kMs,
          .cpu_ns = 1000 * kMs,
          .involuntary_switches = 7,
          .spans = {Span(0, 10, 310), Span(1, 20, 120), Span(1, 130, 180),
                    Span(1, 200, 250)},
          .checksums = {1, 2, 3, 4}};
}

TEST(BatchCountersTest, NoBatchGivesNoCounters) {
  EXPECT_TRUE(BatchCounters().Counters().empty());
}

TEST(BatchCountersTest, ReportsExactlyTheDocumentedCounters) {
  BatchCounters counters;
  counters.Add(FirstBatch(), {});
  EXPECT_THAT(
      counters.Counters(),
      ElementsAre(Key("concurrency"), Key("cpu_per_wall"),
                  Key("involuntary_switches"), Key("shutdown_s"),
                  Key("startup_s"), Key("steal_share"), Key("task_s_max"),
                  Key("task_s_mean"), Key("tasks"), Key("tasks_per_s"),
                  Key("utilization"), Key("workers")));
}

TEST(BatchCountersTest, OneBatchFollowsTheFormulas) {
  BatchCounters counters;
  counters.Add(FirstBatch(), {});
  std::map<std::string, double> values = counters.Counters();
  EXPECT_DOUBLE_EQ(values["tasks"], 4);
  EXPECT_DOUBLE_EQ(values["workers"], 2);
  EXPECT_DOUBLE_EQ(values["tasks_per_s"], 4 / 0.4);
  EXPECT_DOUBLE_EQ(values["startup_s"], 0.010);
  EXPECT_DOUBLE_EQ(values["shutdown_s"], 0.030);
  EXPECT_DOUBLE_EQ(values["task_s_mean"], 0.550 / 4);
  EXPECT_DOUBLE_EQ(values["task_s_max"], 0.200);
  EXPECT_DOUBLE_EQ(values["concurrency"], 0.550 / 0.4);
  EXPECT_DOUBLE_EQ(values["utilization"], 0.550 / 0.4 / 2);
  EXPECT_DOUBLE_EQ(values["cpu_per_wall"], 0.600 / 0.4);
}

// Rates are total over total (8 tasks in 1 s), not means of the per-batch
// rates (which would give (10 + 6.67) / 2 tasks/s).
TEST(BatchCountersTest, SeveralBatchesSumTasksAndTimesBeforeDividing) {
  BatchCounters counters;
  counters.Add(FirstBatch(), {.total = 300, .steal = 10});
  counters.Add(SecondBatch(), {.total = 100, .steal = 30});
  std::map<std::string, double> values = counters.Counters();
  EXPECT_DOUBLE_EQ(values["tasks"], 4);
  EXPECT_DOUBLE_EQ(values["workers"], 2);
  EXPECT_DOUBLE_EQ(values["tasks_per_s"], 8 / 1.0);
  EXPECT_DOUBLE_EQ(values["startup_s"], (0.010 + 0.030) / 2);
  EXPECT_DOUBLE_EQ(values["shutdown_s"], (0.030 + 0.050) / 2);
  EXPECT_DOUBLE_EQ(values["task_s_mean"], (0.550 + 0.500) / 8);
  EXPECT_DOUBLE_EQ(values["task_s_max"], 0.300);
  EXPECT_DOUBLE_EQ(values["concurrency"], 1.050 / 1.0);
  EXPECT_DOUBLE_EQ(values["utilization"], 1.050 / 1.0 / 2);
  EXPECT_DOUBLE_EQ(values["cpu_per_wall"], 1.600 / 1.0);
  EXPECT_DOUBLE_EQ(values["involuntary_switches"], (5 + 7) / 2.0);
  EXPECT_DOUBLE_EQ(values["steal_share"], 40 / 400.0);
}

}  // namespace
}  // namespace execbench
