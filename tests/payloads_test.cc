// Payloads (--arg_bytes, --result_bytes) on every executor: at 0, 1, 4096
// and 1 MiB each way they arrive intact (every task's checksum, its
// argument's folded in, equals Serial's, and every result is checked where
// it arrives); a byte damaged in the channel fails the batch, naming the
// task (a result) or changes that task's checksum alone (an argument); and
// a process pool's channel leaves nothing behind.

#include <stdlib.h>
#include <unistd.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/executor.h"
#include "core/payload_sizes.h"
#include "executors/fork_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "tests/workload_batches.h"

namespace execbench {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int kTasks = 6;
constexpr char kDamage[] = "EXECBENCH_DAMAGE_PAYLOAD";

WorkloadSpec TestSpec(int64_t argument_bytes, int64_t result_bytes) {
  WorkloadSpec spec{.name = "Test"};
  if (argument_bytes > 0) {
    spec.params[kArgumentBytesParameter] = absl::StrCat(argument_bytes);
  }
  if (result_bytes > 0) {
    spec.params[kResultBytesParameter] = absl::StrCat(result_bytes);
  }
  return spec;
}

// The executors that run here (Mpi under mpirun: scripts/test-mpi), at 1
// worker and 2 where they take more than one.
std::vector<std::pair<std::string, int>> ExecutorsAndWorkers() {
  std::vector<std::pair<std::string, int>> runs;
  for (const std::string& name : RegisteredExecutorNames("Test")) {
    for (int workers : {1, 2}) {
      absl::StatusOr<const ExecutorRegistration*> executor = FindExecutor(name);
      if (executor.ok() && RunsHere(**executor, workers)) {
        runs.emplace_back(name, workers);
      }
    }
  }
  return runs;
}

// Sets the damage seam for the scope.
class DamagedPayload {
 public:
  explicit DamagedPayload(const std::string& what) {
    setenv(kDamage, what.c_str(), 1);
  }
  ~DamagedPayload() { unsetenv(kDamage); }
};

TEST(PayloadsTest, ArriveIntactOnEveryExecutor) {
  constexpr int64_t kMiB = 1 << 20;
  for (const auto& [argument, result] :
       std::vector<std::pair<int64_t, int64_t>>{
           {0, 0}, {1, 1}, {4096, 4096}, {kMiB, kMiB}, {1, kMiB}, {kMiB, 0}}) {
    const WorkloadSpec spec = TestSpec(argument, result);
    absl::StatusOr<BatchResult> serial = RunBatchOn("Serial", spec, kTasks, 1);
    ASSERT_TRUE(serial.ok()) << serial.status();
    for (const auto& [executor, workers] : ExecutorsAndWorkers()) {
      const std::string run = absl::StrCat(executor, "/", workers, " with ",
                                           argument, " + ", result, " bytes");
      absl::StatusOr<BatchResult> batch =
          RunBatchOn(executor, spec, kTasks, workers);
      ASSERT_TRUE(batch.ok()) << run << ": " << batch.status();
      EXPECT_EQ(batch->checksums, serial->checksums) << run;
      EXPECT_EQ(batch->payload_bytes, (argument + result) * kTasks) << run;
      if (argument + result > 0) EXPECT_GT(batch->move_ns, 0) << run;
    }
  }
}

TEST(PayloadsTest, FoldTheArgumentIntoTheTasksChecksum) {
  absl::StatusOr<BatchResult> plain =
      RunBatchOn("Serial", TestSpec(0, 0), kTasks, 1);
  absl::StatusOr<BatchResult> with_argument =
      RunBatchOn("Serial", TestSpec(16, 0), kTasks, 1);
  ASSERT_TRUE(plain.ok() && with_argument.ok());
  for (int i = 0; i < kTasks; ++i) {
    EXPECT_NE(with_argument->checksums[i], plain->checksums[i]) << i;
  }
}

TEST(PayloadsTest, DamagedArgumentChangesItsTasksChecksumAlone) {
  const WorkloadSpec spec = TestSpec(4096, 64);
  absl::StatusOr<BatchResult> serial = RunBatchOn("Serial", spec, kTasks, 1);
  ASSERT_TRUE(serial.ok()) << serial.status();
  DamagedPayload damage("argument 2");
  for (const auto& [executor, workers] : ExecutorsAndWorkers()) {
    absl::StatusOr<BatchResult> batch =
        RunBatchOn(executor, spec, kTasks, workers);
    ASSERT_TRUE(batch.ok()) << executor << ": " << batch.status();
    for (int i = 0; i < kTasks; ++i) {
      if (i == 2) {
        EXPECT_NE(batch->checksums[i], serial->checksums[i]) << executor;
      } else {
        EXPECT_EQ(batch->checksums[i], serial->checksums[i]) << executor;
      }
    }
  }
}

TEST(PayloadsTest, DamagedResultFailsTheBatchNamingTheTask) {
  DamagedPayload damage("result 4");
  for (const auto& [executor, workers] : ExecutorsAndWorkers()) {
    absl::StatusOr<BatchResult> batch =
        RunBatchOn(executor, TestSpec(64, 4096), kTasks, workers);
    ASSERT_FALSE(batch.ok()) << executor;
    EXPECT_THAT(batch.status().message(),
                HasSubstr("task 4's result arrived damaged: byte 2048 of "
                          "4096 differs"))
        << executor;
  }
}

TEST(PayloadsTest, ProcessPoolChannelLeavesNothingBehind) {
  const std::set<std::string> fds_before = ListDirectory("/proc/self/fd");
  const std::set<std::string> shm_before = SharedMemoryFiles();
  const std::set<std::string> temp_before = TempFiles();
  alarm(120);  // a hang fails the test instead of stalling the suite
  EXPECT_TRUE(RunBatchOn("Processes", TestSpec(4096, 4096), 50, 3).ok());
  WorkloadSpec failing = TestSpec(4096, 4096);
  failing.params["fail_at"] = "3";
  failing.params["failure"] = "kill";
  EXPECT_FALSE(RunBatchOn("Processes", failing, 10, 3).ok());
  {
    DamagedPayload damage("result 1");
    EXPECT_FALSE(RunBatchOn("Processes", TestSpec(64, 64), 10, 3).ok());
  }
  alarm(0);
  EXPECT_EQ(ListDirectory("/proc/self/fd"), fds_before);
  EXPECT_EQ(SharedMemoryFiles(), shm_before);
  EXPECT_EQ(TempFiles(), temp_before);
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
  EXPECT_THAT(ChildrenBesidesForkServers(), IsEmpty());
}

}  // namespace
}  // namespace execbench
