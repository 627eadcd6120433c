// Tests of ClaimTasks(): claims cover every task exactly once, even when
// workers race for them, shrink as the batch ends, and hand out small batches
// one task at a time.

#include "executors/task_claims.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace execbench {
namespace {

TEST(TaskClaimsTest, ClaimsShrinkToSingleTasksAndCoverTheBatch) {
  constexpr int32_t kTasks = 100'000;
  constexpr int32_t kWorkers = 2;
  std::atomic<int32_t> next_task{0};
  int32_t expected_begin = 0;
  int32_t previous_size = kTasks;
  int claims = 0;
  for (TaskClaim claim = ClaimTasks(next_task, kTasks, kWorkers);
       claim.begin < claim.end;
       claim = ClaimTasks(next_task, kTasks, kWorkers)) {
    EXPECT_EQ(claim.begin, expected_begin);
    const int32_t size = claim.end - claim.begin;
    EXPECT_LE(size, previous_size);
    EXPECT_EQ(size, std::max(1, (kTasks - claim.begin) /
                                    (kClaimShareDivisor * kWorkers)));
    expected_begin = claim.end;
    previous_size = size;
    ++claims;
  }
  EXPECT_EQ(expected_begin, kTasks);
  EXPECT_EQ(previous_size, 1);
  EXPECT_LT(claims, 1000);  // a few hundred, not one per task
  const TaskClaim none = ClaimTasks(next_task, kTasks, kWorkers);
  EXPECT_EQ(none.begin, none.end);
}

TEST(TaskClaimsTest, SmallBatchesGoOutOneTaskAtATime) {
  for (int32_t workers : {1, 2, 8}) {
    const int32_t tasks = 2 * kClaimShareDivisor * workers - 1;
    std::atomic<int32_t> next_task{0};
    for (int32_t task = 0; task < tasks; ++task) {
      const TaskClaim claim = ClaimTasks(next_task, tasks, workers);
      EXPECT_EQ(claim.begin, task);
      EXPECT_EQ(claim.end, task + 1);
    }
  }
}

TEST(TaskClaimsTest, RacingWorkersClaimEveryTaskExactlyOnce) {
  constexpr int32_t kTasks = 200'000;
  constexpr int kWorkers = 4;
  std::atomic<int32_t> next_task{0};
  std::vector<std::atomic<int>> runs(kTasks);
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&] {
      for (TaskClaim claim = ClaimTasks(next_task, kTasks, kWorkers);
           claim.begin < claim.end;
           claim = ClaimTasks(next_task, kTasks, kWorkers)) {
        for (int32_t task = claim.begin; task < claim.end; ++task) {
          runs[task].fetch_add(1, std::memory_order_relaxed);
        }
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (int32_t task = 0; task < kTasks; ++task) {
    ASSERT_EQ(runs[task].load(), 1) << "task " << task;
  }
}

}  // namespace
}  // namespace execbench
