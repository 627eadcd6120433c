// Tests of ChecksumReference: the first batch of a workload sets the checksums
// every later batch must return.

#include "benchmarks/checksum_reference.h"

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

TEST(ChecksumReferenceTest, DifferentTaskCountFails) {
  const WorkloadSpec cpu = CpuSpec("1000");
  ChecksumReference reference;
  ASSERT_TRUE(reference.Check(cpu, kSerial, {111, 222, 333}).ok());
  const absl::Status fewer = reference.Check(cpu, kThreads, {111, 222});
  EXPECT_EQ(fewer.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(fewer.message(), AllOf(HasSubstr("2 results"), HasSubstr(kSerial),
                                     HasSubstr("returned 3")));
  EXPECT_FALSE(reference.Check(cpu, kThreads, {111, 222, 333, 444}).ok());
  EXPECT_FALSE(reference.Check(cpu, kThreads, {}).ok());
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
