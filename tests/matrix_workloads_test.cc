// Tests of the Dot and Add workloads: seeded inputs, equal checksums on every
// executor, and the same product whatever Eigen's thread count.

#include <omp.h>

#include <Eigen/Dense>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "core/executor.h"
#include "core/flag_types.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/workload_batches.h"
#include "workloads/matrices/matrices.h"

ABSL_DECLARE_FLAG(execbench::NonNegativeInt, eigen_threads);
ABSL_DECLARE_FLAG(execbench::PositiveInt, add_n);
ABSL_DECLARE_FLAG(execbench::PositiveInt, dot_n);

namespace execbench {
namespace {

using ::testing::AllOf;
using ::testing::Each;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

WorkloadSpec DotSpec(int64_t n, int eigen_threads) {
  return {.name = "Dot",
          .params = {{"n", absl::StrCat(n)},
                     {"eigen_threads", absl::StrCat(eigen_threads)}}};
}

WorkloadSpec AddSpec(int64_t n) {
  return {.name = "Add", .params = {{"n", absl::StrCat(n)}}};
}

std::vector<uint64_t> Checksums(absl::string_view executor,
                                const WorkloadSpec& spec, int tasks) {
  absl::StatusOr<BatchResult> batch = RunWorkloadBatch(executor, spec, tasks);
  EXPECT_TRUE(batch.ok()) << executor << ": " << batch.status();
  return batch.ok() ? batch->checksums : std::vector<uint64_t>();
}

TEST(SeededMatrixTest, IsSmallIntegersThatDependOnTheSeedOnly) {
  const Eigen::MatrixXd matrix = SeededMatrix(50, 7);
  EXPECT_EQ(matrix, SeededMatrix(50, 7));
  EXPECT_NE(matrix, SeededMatrix(50, 8));
  std::set<double> values(matrix.data(), matrix.data() + matrix.size());
  EXPECT_EQ(values.size(), 17u);
  EXPECT_EQ(*values.begin(), -8.0);
  EXPECT_EQ(*values.rbegin(), 8.0);
}

TEST(MatrixWorkloadsTest, EveryExecutorGivesTheSameChecksums) {
  constexpr int kTasks = 4;
  for (const WorkloadSpec& spec : {DotSpec(160, 0), AddSpec(300)}) {
    SCOPED_TRACE(spec.name);
    const std::vector<uint64_t> serial = Checksums("Serial", spec, kTasks);
    ASSERT_THAT(serial, SizeIs(kTasks));
    EXPECT_THAT(serial, Each(Eq(serial[0])));
    for (const std::string& executor : RegisteredExecutorNames(spec.name)) {
      EXPECT_EQ(Checksums(executor, spec, kTasks), serial) << executor;
    }
  }
}

// Large enough for Eigen to block the inner dimension differently with one
// and two threads, which changes the product of real-valued matrices.
TEST(MatrixWorkloadsTest, DotIsTheSameWithOneAndTwoEigenThreads) {
  const std::vector<uint64_t> one_thread =
      Checksums("Serial", DotSpec(600, 1), 1);
  EXPECT_EQ(Eigen::nbThreads(), 1);
  const std::vector<uint64_t> two_threads =
      Checksums("Serial", DotSpec(600, 2), 1);
  EXPECT_EQ(Eigen::nbThreads(), 2);
  EXPECT_EQ(one_thread, two_threads);
}

TEST(MatrixWorkloadsTest, DotReportsTheEigenThreadsInEffect) {
  absl::FlagSaver restore_flags;
  absl::StatusOr<const WorkloadRegistration*> found = FindWorkload("Dot");
  ASSERT_TRUE(found.ok()) << found.status();
  const WorkloadRegistration* dot = *found;

  absl::SetFlag(&FLAGS_eigen_threads, NonNegativeInt{3});
  absl::StatusOr<WorkloadRun> run = RunFromFlags(*dot);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_THAT(run->counters, UnorderedElementsAre(Pair("eigen_threads", 3)));

  absl::SetFlag(&FLAGS_eigen_threads, NonNegativeInt{0});
  run = RunFromFlags(*dot);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_THAT(run->counters, UnorderedElementsAre(
                                 Pair("eigen_threads", omp_get_max_threads())));
}

// Matrices that cannot fit are refused once, when the run is made from the
// flags, with what they need: not by every process-pool worker inside its
// batch.
TEST(MatrixWorkloadsTest, RunsTooLargeForMemoryAreRefusedFromTheFlags) {
  absl::FlagSaver restore_flags;
  // 3 x 8 x 10^12 bytes, 24 TB: more than any machine this runs on.
  absl::SetFlag(&FLAGS_add_n, PositiveInt{1'000'000});
  absl::SetFlag(&FLAGS_dot_n, PositiveInt{1'000'000});
  for (const char* name : {"Add", "Dot"}) {
    absl::StatusOr<const WorkloadRegistration*> found = FindWorkload(name);
    ASSERT_TRUE(found.ok()) << found.status();
    absl::StatusOr<WorkloadRun> run = RunFromFlags(**found);
    EXPECT_EQ(run.status().code(), absl::StatusCode::kResourceExhausted)
        << name;
    EXPECT_THAT(run.status().message(),
                AllOf(HasSubstr(name), HasSubstr("24000.0 GB is needed")));
  }
}

}  // namespace
}  // namespace execbench
