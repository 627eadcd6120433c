// Tests of --task_slowdown (core/task_slowdown.h): a slowed task takes at
// least its own duration times 1 + the share (a lower bound that the spin
// guarantees, whatever the machine's load), process-pool workers that
// rebuild the workload from its spec are slowed too, checksums do not change,
// and the flag reaches the spec only when it is not 0.

#include "core/task_slowdown.h"

#include <cstdint>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "gtest/gtest.h"
#include "tests/workload_batches.h"

namespace execbench {
namespace {

constexpr int kTasks = 2;
constexpr int64_t kSleepStepUs = 20'000;

// The Test workload's tasks sleep (tasks - index) x the step.
WorkloadSpec SleepingSpec() {
  return {.name = "Test",
          .params = {{"tasks", std::to_string(kTasks)},
                     {"sleep_us_step", std::to_string(kSleepStepUs)}}};
}

WorkloadSpec Slowed(WorkloadSpec spec, const std::string& share) {
  spec.params[kTaskSlowdownParameter] = share;
  return spec;
}

void ExpectEveryTaskSlowedByItsShare(const BatchResult& batch, double share) {
  for (int index = 0; index < kTasks; ++index) {
    const int64_t sleep_ns = (kTasks - index) * kSleepStepUs * 1000;
    const TaskSpan& span = batch.spans[index];
    EXPECT_GE(span.stop_ns - span.start_ns, (1 + share) * sleep_ns)
        << "task " << index;
  }
}

TEST(TaskSlowdownTest, ATaskSpinsForItsShareOfItsOwnDuration) {
  absl::StatusOr<BatchResult> batch =
      RunBatchOn("Serial", Slowed(SleepingSpec(), "1"), kTasks, 1);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ExpectEveryTaskSlowedByItsShare(*batch, 1);
}

TEST(TaskSlowdownTest, ProcessPoolWorkersRebuildTheSlowdownFromTheSpec) {
  absl::StatusOr<BatchResult> batch =
      RunBatchOn("Processes", Slowed(SleepingSpec(), "1"), kTasks, 1);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ExpectEveryTaskSlowedByItsShare(*batch, 1);
}

TEST(TaskSlowdownTest, ChecksumsAreThoseOfTheWorkloadItself) {
  const WorkloadSpec spec{.name = "Test", .params = {{"tasks", "3"}}};
  absl::StatusOr<BatchResult> plain = RunBatchOn("Serial", spec, 3, 1);
  absl::StatusOr<BatchResult> slowed =
      RunBatchOn("Serial", Slowed(spec, "0.5"), 3, 1);
  ASSERT_TRUE(plain.ok()) << plain.status();
  ASSERT_TRUE(slowed.ok()) << slowed.status();
  EXPECT_EQ(slowed->checksums, plain->checksums);
}

TEST(TaskSlowdownTest, TheWorkloadKeepsTheSpecItWasBuiltFrom) {
  const WorkloadSpec spec = Slowed(SleepingSpec(), "0.02");
  absl::StatusOr<std::unique_ptr<Workload>> workload = MakeWorkload(spec);
  ASSERT_TRUE(workload.ok()) << workload.status();
  EXPECT_EQ((*workload)->spec(), spec);
}

TEST(TaskSlowdownTest, ABadShareIsAnErrorNamingTheParameter) {
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      MakeWorkload(Slowed(SleepingSpec(), "fast"));
  ASSERT_FALSE(workload.ok());
  EXPECT_NE(workload.status().message().find(kTaskSlowdownParameter),
            std::string::npos);
}

TEST(TaskSlowdownTest, TheFlagReachesTheSpecOnlyWhenNotZero) {
  absl::FlagSaver saver;
  WorkloadSpec spec = SleepingSpec();
  AddTaskSlowdown(spec);
  EXPECT_EQ(spec, SleepingSpec());
  absl::SetFlag(&FLAGS_task_slowdown, NonNegativeDecimal{0.02});
  AddTaskSlowdown(spec);
  EXPECT_EQ(spec, Slowed(SleepingSpec(), "0.02"));
}

}  // namespace
}  // namespace execbench
