// CheckBatchMemory(): what a batch needs against what is available, counting
// each running task's bytes and, for executors whose workers are processes,
// each worker's inputs.

#include "benchmarks/runner/batch_memory.h"

#include <cstdint>
#include <limits>

#include "core/machine_limits.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

using ::testing::HasSubstr;

class BatchMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    available_ = AvailableMemoryBytes();
    if (available_ <= 0) GTEST_SKIP() << "the memory available is unknown";
  }

  // A third of what is available: one fits, three do not.
  int64_t Third() const { return available_ / 3; }

  int64_t available_ = 0;
};

TEST_F(BatchMemoryTest, CountsEachRunningTaskUpToTheWorkers) {
  const WorkloadRun run{.tasks = 4, .running_task_bytes = Third()};
  const ExecutorRegistration threads{.name = "Threads"};
  EXPECT_TRUE(CheckBatchMemory("B", run, threads, 1).ok());
  const absl::Status four = CheckBatchMemory("B", run, threads, 4);
  EXPECT_EQ(four.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(four.message(), HasSubstr("B: "));
  EXPECT_THAT(four.message(), HasSubstr("a batch of 4 tasks on 4 workers"));
  // No more tasks run at once than there are.
  const WorkloadRun one_task{.tasks = 1, .running_task_bytes = Third()};
  EXPECT_TRUE(CheckBatchMemory("B", one_task, threads, 4).ok());
}

TEST_F(BatchMemoryTest, CountsTheInputsOfWorkerProcessesOnly) {
  const WorkloadRun run{.tasks = 4, .process_bytes = Third()};
  EXPECT_TRUE(CheckBatchMemory("B", run, {.name = "Threads"}, 4).ok());
  EXPECT_EQ(CheckBatchMemory("B", run,
                             {.name = "Processes", .worker_processes = true}, 4)
                .code(),
            absl::StatusCode::kResourceExhausted);
}

TEST_F(BatchMemoryTest, CountsTheBookkeepingOfEveryTask) {
  const WorkloadRun run{.tasks = std::numeric_limits<int>::max()};
  EXPECT_EQ(CheckBatchMemory("B", run, {.name = "Serial"}, 1).code(),
            absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace execbench
