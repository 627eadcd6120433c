// Tests of ChecksumReference: the first batch of a workload sets the checksums
// every later batch must return.

#include "benchmarks/runner/checksum_reference.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

WorkloadSpec CpuSpec(absl::string_view iterations) {
  return {.name = "Cpu", .params = {{"iterations", std::string(iterations)}}};
}

constexpr char kSerial[] = "Cpu/Serial/workers:1/manual_time";
constexpr char kThreads[] = "Cpu/Threads/workers:2/manual_time";
constexpr char kProcesses[] = "Cpu/Processes/workers:2/manual_time";

TEST(ChecksumReferenceTest, SameChecksumsOnAnotherExecutorPass) {
  const WorkloadSpec cpu = CpuSpec("1000");
  ChecksumReference reference;
  EXPECT_TRUE(reference.Check(cpu, kSerial, {111, 222, 333}).ok());
  EXPECT_TRUE(reference.Check(cpu, kThreads, {111, 222, 333}).ok());
  EXPECT_TRUE(reference.Check(cpu, kSerial, {111, 222, 333}).ok());
}

TEST(ChecksumReferenceTest,
     DifferentTaskChecksumFailsNamingTaskValuesAndSource) {
  const WorkloadSpec cpu = CpuSpec("1000");
  ChecksumReference reference;
  ASSERT_TRUE(reference.Check(cpu, kSerial, {111, 222, 333}).ok());
  const absl::Status status = reference.Check(cpu, kThreads, {111, 999, 333});
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(status.message(), AllOf(HasSubstr("task 1 "), HasSubstr("999"),
                                      HasSubstr("222"), HasSubstr(kSerial)));
}

TEST(ChecksumReferenceTest, BatchesOfOtherSizesAreComparedOnSharedTasks) {
  const WorkloadSpec cpu = CpuSpec("1000");
  ChecksumReference reference;
  ASSERT_TRUE(reference.Check(cpu, kSerial, {111, 222, 333}).ok());
  EXPECT_TRUE(reference.Check(cpu, kThreads, {111, 222}).ok());
  EXPECT_TRUE(reference.Check(cpu, kThreads, {}).ok());
  const absl::Status shorter = reference.Check(cpu, kThreads, {111, 999});
  EXPECT_EQ(shorter.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(shorter.message(),
              AllOf(HasSubstr("task 1 "), HasSubstr(kSerial)));
  const absl::Status longer =
      reference.Check(cpu, kThreads, {111, 999, 333, 444});
  EXPECT_THAT(longer.message(),
              AllOf(HasSubstr("task 1 "), HasSubstr(kSerial)));
}

TEST(ChecksumReferenceTest, LongerBatchExtendsTheReference) {
  const WorkloadSpec cpu = CpuSpec("1000");
  ChecksumReference reference;
  ASSERT_TRUE(reference.Check(cpu, kSerial, {111, 222}).ok());
  ASSERT_TRUE(reference.Check(cpu, kThreads, {111, 222, 333, 444}).ok());
  EXPECT_TRUE(reference.Check(cpu, kProcesses, {111, 222, 333}).ok());
  const absl::Status status = reference.Check(cpu, kProcesses, {111, 222, 999});
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(status.message(), AllOf(HasSubstr("task 2 "), HasSubstr("333"),
                                      HasSubstr(kThreads)));
}

TEST(ChecksumReferenceTest, FailingBatchDoesNotReplaceTheReference) {
  const WorkloadSpec cpu = CpuSpec("1000");
  ChecksumReference reference;
  ASSERT_TRUE(reference.Check(cpu, kSerial, {111, 222, 333}).ok());
  ASSERT_FALSE(reference.Check(cpu, kThreads, {111, 999, 333}).ok());
  EXPECT_TRUE(reference.Check(cpu, kProcesses, {111, 222, 333}).ok());
  const absl::Status status = reference.Check(cpu, kProcesses, {111, 999, 333});
  EXPECT_THAT(status.message(), HasSubstr(kSerial));
}

TEST(ChecksumReferenceTest, EachSpecHasItsOwnReference) {
  const WorkloadSpec cpu = CpuSpec("1000");
  ChecksumReference reference;
  const WorkloadSpec longer = CpuSpec("2000");
  const WorkloadSpec noop{.name = "Noop"};
  ASSERT_TRUE(reference.Check(cpu, kSerial, {111, 222, 333}).ok());
  EXPECT_TRUE(reference.Check(longer, kThreads, {444, 555}).ok());
  EXPECT_TRUE(
      reference.Check(noop, "Noop/Serial/workers:1/manual_time", {0, 1}).ok());
  EXPECT_FALSE(reference.Check(longer, kThreads, {111, 222, 333}).ok());
  EXPECT_TRUE(reference.Check(cpu, kThreads, {111, 222, 333}).ok());
}

}  // namespace
}  // namespace execbench
