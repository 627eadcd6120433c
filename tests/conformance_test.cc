// Every registered workload on every registered executor, at the workload's
// small profile: each batch succeeds, returns one span and one checksum per
// task, and its checksums (which depend only on the spec and the task's
// index) equal those of every other executor. A new workload or executor is
// tested here without an edit to this file.

#include <string>
#include <vector>

#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "core/executor.h"
#include "core/workload.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/workload_batches.h"

namespace execbench {
namespace {

std::vector<std::string> GridWorkloadNames() {
  std::vector<std::string> names;
  for (const WorkloadRegistration* workload : RegisteredWorkloads()) {
    if (workload->from_flags) names.push_back(workload->name);
  }
  return names;
}

class ConformanceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ConformanceTest, EveryExecutorReturnsTheSameChecksumsInTaskOrder) {
  absl::StatusOr<const WorkloadRegistration*> workload =
      FindWorkload(GetParam());
  ASSERT_TRUE(workload.ok()) << workload.status();
  ASSERT_FALSE((*workload)->small_profile.empty())
      << GetParam() << " has no small_profile for these tests";
  absl::FlagSaver restore_flags;
  ASSERT_TRUE(SetFlags((*workload)->small_profile).ok());
  absl::StatusOr<WorkloadRun> run = RunFromFlags(**workload);
  ASSERT_TRUE(run.ok()) << run.status();
  ASSERT_GT(run->tasks, 1);

  std::vector<uint64_t> reference;
  std::string reference_source;
  for (const ExecutorRegistration* executor : RegisteredExecutors()) {
    if (executor->runs && !executor->runs(**workload)) continue;
    for (int workers : {1, 3}) {
      if (!RunsHere(*executor, workers)) continue;
      const std::string source = absl::StrCat(executor->name, "/", workers);
      absl::StatusOr<BatchResult> batch =
          RunBatchOn(executor->name, run->spec, run->tasks, workers);
      ASSERT_TRUE(batch.ok()) << source << ": " << batch.status();
      ASSERT_EQ(batch->checksums.size(), run->tasks) << source;
      ASSERT_EQ(batch->spans.size(), run->tasks) << source;
      for (const TaskSpan& span : batch->spans) {
        EXPECT_LE(span.start_ns, span.stop_ns) << source;
        EXPECT_GE(span.worker, 0) << source;
        EXPECT_LT(span.worker, workers) << source;
      }
      if (reference.empty()) {
        reference = batch->checksums;
        reference_source = source;
      }
      EXPECT_EQ(batch->checksums, reference)
          << source << " differs from " << reference_source;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Registered, ConformanceTest,
                         ::testing::ValuesIn(GridWorkloadNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace execbench
