// Semantics every executor must keep: each task runs exactly once, results
// come back in task order, spans are sane, the CPU time and involuntary
// context switches of every process that ran tasks count, a failed task
// fails the batch with a message naming the task and the worker, and nothing
// outlives a batch.

#include "core/executor.h"

#include <omp.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "executors/batch_timeout.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "tests/test_workload.h"
#include "tests/workload_batches.h"

namespace execbench {
namespace {

using ::testing::HasSubstr;

absl::StatusOr<BatchResult> RunTestBatch(
    const std::string& executor_name, std::map<std::string, std::string> params,
    int tasks, int workers) {
  params["tasks"] = absl::StrCat(tasks);
  return RunBatchOn(executor_name,
                    {.name = "Test", .params = std::move(params)}, tasks,
                    workers);
}

// Every registered executor that runs the Test workload here at 1 worker,
// and those that take more at 2 and 5 (Mpi: as many as there are worker
// ranks).
std::vector<std::tuple<std::string, int>> ExecutorCells() {
  std::vector<std::tuple<std::string, int>> cells;
  for (const std::string& executor : RegisteredExecutorNames("Test")) {
    for (int workers : {1, 2, 5}) {
      if (RunsHere(**FindExecutor(executor), workers)) {
        cells.emplace_back(executor, workers);
      }
    }
  }
  return cells;
}

class ExecutorTest
    : public ::testing::TestWithParam<std::tuple<std::string, int>> {
 protected:
  const std::string& executor() const { return std::get<0>(GetParam()); }
  int workers() const { return std::get<1>(GetParam()); }

  std::string TempPath() const {
    return absl::StrCat(::testing::TempDir(), "/execbench-log-", getpid(), "-",
                        executor(), workers());
  }
};

TEST_P(ExecutorTest, EveryTaskRunsExactlyOnce) {
  const std::string log = TempPath();
  std::remove(log.c_str());
  constexpr int kTasks = 200;
  absl::StatusOr<BatchResult> batch =
      RunTestBatch(executor(), {{"log_path", log}}, kTasks, workers());
  ASSERT_TRUE(batch.ok()) << batch.status();

  std::map<int, int> runs;
  std::ifstream in(log);
  int index, pid;
  while (in >> index >> pid) ++runs[index];
  std::remove(log.c_str());
  ASSERT_EQ(runs.size(), kTasks);
  for (const auto& [task, count] : runs) {
    EXPECT_EQ(count, 1) << "task " << task;
  }
}

TEST_P(ExecutorTest, ResultsComeBackInTaskOrder) {
  constexpr int kTasks = 12;
  // Later tasks are shorter, so they finish first when workers > 1.
  absl::StatusOr<BatchResult> batch =
      RunTestBatch(executor(), {{"sleep_us_step", "300"}}, kTasks, workers());
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_EQ(batch->checksums.size(), kTasks);
  for (int i = 0; i < kTasks; ++i) {
    EXPECT_EQ(batch->checksums[i], TestChecksum(i)) << "task " << i;
  }
}

TEST_P(ExecutorTest, SpansLieInsideTheBatch) {
  constexpr int kTasks = 16;
  absl::StatusOr<BatchResult> batch =
      RunTestBatch(executor(), {{"sleep_us_step", "100"}}, kTasks, workers());
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->workers, workers());
  EXPECT_GE(batch->startup_ns, 0);
  EXPECT_GE(batch->shutdown_ns, 0);
  EXPECT_LE(batch->startup_ns + batch->shutdown_ns, batch->wall_ns);
  EXPECT_GT(batch->cpu_ns, 0);
  for (int i = 0; i < kTasks; ++i) {
    const TaskSpan& span = batch->spans[i];
    EXPECT_GE(span.start_ns, 0) << "task " << i;
    EXPECT_LE(span.start_ns, span.stop_ns) << "task " << i;
    EXPECT_LE(span.stop_ns, batch->wall_ns - batch->shutdown_ns)
        << "task " << i;
    EXPECT_GE(span.stop_ns - span.start_ns, (kTasks - i) * 100'000)
        << "task " << i << " slept less than asked";
    EXPECT_GE(span.worker, 0) << "task " << i;
    EXPECT_LT(span.worker, workers()) << "task " << i;
    EXPECT_TRUE(span.cpu_ns == kUnknownCpu || span.cpu_ns >= 0) << "task " << i;
  }
}

// Each task uses 1 ms of CPU and hands its CPU over at least once, in
// whichever process runs it: this one, a worker process or a worker rank.
TEST_P(ExecutorTest, BatchCountsTheCpuAndInvoluntarySwitchesOfItsTasks) {
  constexpr int kTasks = 10;
  absl::StatusOr<BatchResult> batch =
      RunTestBatch(executor(), {{"spin_us", "1000"}, {"yield_cpu", "true"}},
                   kTasks, workers());
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_GE(batch->cpu_ns, kTasks * 1'000'000);
  EXPECT_GE(batch->involuntary_switches, kTasks);
}

TEST_P(ExecutorTest, FailedTaskFailsTheBatchNamingTaskAndWorker) {
  absl::StatusOr<BatchResult> batch =
      RunTestBatch(executor(), {{"fail_at", "5"}}, 20, workers());
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(), HasSubstr("task 5 failed on worker"));
  EXPECT_THAT(batch.status().message(), HasSubstr("the test asked"));
}

TEST_P(ExecutorTest, FailedTaskFailsTheBatchWhileTasksUseOpenMp) {
  absl::StatusOr<BatchResult> batch = RunTestBatch(
      executor(), {{"fail_at", "5"}, {"openmp", "true"}}, 20, workers());
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(), HasSubstr("task 5 failed on worker"));
}

TEST_P(ExecutorTest, LeavesNoThreadDescriptorSocketOrFileBehind) {
  // libgomp keeps the threads of a parallel region's team for the next one,
  // by design; nothing else may outlive a batch.
  const int kept_by_openmp = executor() == "OpenMp" ? workers() - 1 : 0;
  const int threads_before = ThreadCount();
  const std::set<std::string> fds_before = ListDirectory("/proc/self/fd");
  const std::set<std::string> sockets_before = ListeningSockets();
  const std::set<std::string> shm_before = SharedMemoryFiles();
  const std::set<std::string> temp_before = TempFiles();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(RunTestBatch(executor(), {}, 20, workers()).ok());
    EXPECT_FALSE(
        RunTestBatch(executor(), {{"fail_at", "3"}}, 20, workers()).ok());
  }
  EXPECT_LE(ThreadCountSettledAt(threads_before + kept_by_openmp),
            threads_before + kept_by_openmp);
  EXPECT_EQ(ListDirectory("/proc/self/fd"), fds_before);
  EXPECT_EQ(ListeningSockets(), sockets_before);
  EXPECT_EQ(SharedMemoryFiles(), shm_before);
  EXPECT_EQ(TempFiles(), temp_before);
}

// A pool of more threads than this process can start fails its batch with
// the limit, rather than ending the process (libgomp) or crashing it
// (oneTBB) as these runtimes do when a thread cannot start.
TEST(ThreadPoolsTest, MoreWorkersThanThreadsCanStartFailTheBatch) {
  for (const char* executor : {"OpenMp", "Tbb"}) {
    absl::StatusOr<BatchResult> batch =
        RunTestBatch(executor, {}, 10, std::numeric_limits<int>::max());
    EXPECT_EQ(batch.status().code(), absl::StatusCode::kResourceExhausted)
        << executor << ": " << batch.status();
    EXPECT_THAT(batch.status().message(), HasSubstr("more threads"))
        << executor;
  }
}

TEST_P(ExecutorTest, EmptyBatchSucceeds) {
  absl::StatusOr<BatchResult> batch =
      RunTestBatch(executor(), {}, 0, workers());
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_TRUE(batch->checksums.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Registered, ExecutorTest, ::testing::ValuesIn(ExecutorCells()),
    [](const ::testing::TestParamInfo<ExecutorTest::ParamType>& info) {
      return absl::StrCat(std::get<0>(info.param), "_workers",
                          std::get<1>(info.param));
    });

TEST(SerialTest, RefusesMoreThanOneWorker) {
  absl::StatusOr<BatchResult> batch = RunTestBatch("Serial", {}, 3, 2);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(), HasSubstr("1 worker"));
}

// An operation that would complete only after the batch timeout (here a
// 20 s io_uring timeout) fails the batch then, naming the task in flight.
TEST(EventLoopTest, BatchPastItsTimeoutFailsNamingTheTasksInFlight) {
  SetBatchTimeout(absl::Seconds(1));
  absl::StatusOr<BatchResult> batch = RunTestBatch(
      "EventLoop", {{"sleep_us_step", "20000000"}, {"tasks", "1"}}, 1, 1);
  SetBatchTimeout(kDefaultBatchTimeout);
  if (absl::IsUnavailable(batch.status())) GTEST_SKIP() << batch.status();
  EXPECT_EQ(batch.status().code(), absl::StatusCode::kDeadlineExceeded)
      << batch.status();
  EXPECT_THAT(batch.status().message(),
              HasSubstr("EventLoop: the batch ran past its timeout of 1 s "
                        "(--batch_timeout_s) with task 0 on worker 0 in "
                        "flight"));
}

TEST(OpenMpTest, LeavesOpenMpsSettingsAsTheyWere) {
  const int max_threads = omp_get_max_threads();
  const int max_active_levels = omp_get_max_active_levels();
  ASSERT_TRUE(RunTestBatch("OpenMp", {{"openmp", "true"}}, 8, 5).ok());
  EXPECT_EQ(omp_get_max_threads(), max_threads);
  EXPECT_EQ(omp_get_max_active_levels(), max_active_levels);
}

TEST(ExecutorsTest, UnknownNameListsTheKnownOnes) {
  absl::StatusOr<const ExecutorRegistration*> executor = FindExecutor("Fibers");
  ASSERT_FALSE(executor.ok());
  EXPECT_THAT(
      executor.status().message(),
      HasSubstr("(known: Serial, Async, EventLoop, Mpi, OpenMp, Processes, "
                "Tbb, Threads"));
}

}  // namespace
}  // namespace execbench
