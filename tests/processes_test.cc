// Process-pool guarantees beyond every executor's: a worker that dies is
// reported (signal or exit code, worker, pid, task) and nothing hangs;
// nothing is left behind (zombies, descriptors, shared memory); and workers
// start safely from a parent with live threads that has used OpenMP.

#include <omp.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/executor.h"
#include "executors/fork_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "tests/test_workload.h"
#include "tests/workload_batches.h"

namespace execbench {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;

absl::StatusOr<BatchResult> RunPoolBatch(
    std::map<std::string, std::string> params, int tasks, int workers) {
  return RunBatchOn("Processes", {.name = "Test", .params = std::move(params)},
                    tasks, workers);
}

TEST(ProcessesTest, WorkerKilledBySignalIsReported) {
#if defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "ThreadSanitizer turns a worker's SIGSEGV into exit code "
                  "66; WorkerKilledWithSigkillIsReported covers signals";
#endif
  absl::StatusOr<BatchResult> batch =
      RunPoolBatch({{"fail_at", "3"}, {"failure", "segv"}}, 10, 2);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(
      std::string(batch.status().message()),
      MatchesRegex("process pool broken: worker [01] \\(pid [0-9]+\\) was "
                   "killed by signal 11 \\(Segmentation fault\\) while "
                   "running task 3"));
}

TEST(ProcessesTest, WorkerKilledWithSigkillIsReported) {
  absl::StatusOr<BatchResult> batch =
      RunPoolBatch({{"fail_at", "0"}, {"failure", "kill"}}, 4, 1);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(), HasSubstr("worker 0 (pid "));
  EXPECT_THAT(batch.status().message(),
              HasSubstr("killed by signal 9 (Killed) while running task 0"));
}

TEST(ProcessesTest, WorkerExitIsReportedWithItsCode) {
  absl::StatusOr<BatchResult> batch =
      RunPoolBatch({{"fail_at", "2"}, {"failure", "exit7"}}, 6, 2);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(),
              HasSubstr("exited with code 7 while running task 2"));
}

TEST(ProcessesTest, WorkloadThatCannotBePreparedIsReported) {
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      MakeWorkload({.name = "Test", .params = {{"prepare_fails", "true"}}});
  ASSERT_TRUE(workload.ok()) << workload.status();
  absl::StatusOr<const ExecutorRegistration*> pool = FindExecutor("Processes");
  ASSERT_TRUE(pool.ok()) << pool.status();
  // Not prepared here: each worker prepares its own, and fails.
  absl::StatusOr<BatchResult> batch = (*pool)->make()->Run(**workload, 4, 2);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(),
              HasSubstr("could not prepare its workload: the test asked "
                        "Prepare to fail"));
}

// /dev/shm without LLVM OpenMP's registration files (clang builds), which
// each process that loads libomp makes, test processes running beside this
// one included, and which a worker killed by a signal cannot remove.
std::set<std::string> SharedMemoryFiles() {
  std::set<std::string> files = ListDirectory("/dev/shm");
  std::erase_if(files, [](const std::string& name) {
    return name.starts_with("__KMP_REGISTERED_LIB_");
  });
  return files;
}

TEST(ProcessesTest, LeavesNoProcessDescriptorOrSharedMemoryBehind) {
  const std::set<std::string> fds_before = ListDirectory("/proc/self/fd");
  const std::set<std::string> shm_before = SharedMemoryFiles();
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(RunPoolBatch({}, 50, 3).ok());
    EXPECT_FALSE(
        RunPoolBatch({{"fail_at", "1"}, {"failure", "segv"}}, 10, 3).ok());
    EXPECT_FALSE(RunPoolBatch({{"fail_at", "1"}}, 10, 3).ok());
  }
  EXPECT_EQ(ListDirectory("/proc/self/fd"), fds_before);
  EXPECT_EQ(SharedMemoryFiles(), shm_before);
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
  EXPECT_THAT(ChildrenBesidesForkServers(), IsEmpty());
  EXPECT_THAT(ForkServerPids(), Not(IsEmpty()));
}

TEST(ProcessesTest, CountsTheCpuTimeOfWorkerProcesses) {
  // The calling process only waits, so nearly all of the batch's CPU time is
  // the workers': it must hold at least what their tasks used.
  absl::StatusOr<BatchResult> batch = RunPoolBatch({{"spin_us", "5000"}}, 8, 2);
  ASSERT_TRUE(batch.ok()) << batch.status();
  int64_t task_cpu = 0;
  for (const TaskSpan& span : batch->spans) task_cpu += span.cpu_ns;
  EXPECT_GE(task_cpu, 8 * 5'000'000) << "the tasks did not spin";
  EXPECT_GE(batch->cpu_ns, task_cpu);
}

// A parent that has used OpenMP and runs threads which hold a mutex nearly
// all the time, which every task also takes: a worker forked from this
// process would inherit the mutex locked by a thread it does not have, and
// deadlock. Batches must complete.
TEST(ProcessesTest, StartsSafelyFromAMultithreadedParentThatUsedOpenMP) {
  int64_t sum = 0;
#pragma omp parallel for reduction(+ : sum)
  for (int i = 0; i < 100000; ++i) sum += i % 7;
  ASSERT_GT(sum, 0);

  std::atomic<bool> stop{false};
  std::vector<std::thread> busy;
  for (int t = 0; t < 2; ++t) {
    busy.emplace_back([&] {
      while (!stop.load()) {
        absl::MutexLock lock(&TestWorkloadMutex());
        std::vector<std::unique_ptr<char[]>> blocks;
        for (int i = 0; i < 64; ++i) blocks.emplace_back(new char[4096]);
        absl::SleepFor(absl::Milliseconds(1));
      }
    });
  }
  alarm(120);  // a hang fails the test instead of stalling the suite
  for (int i = 0; i < 20; ++i) {
    absl::StatusOr<BatchResult> batch =
        RunPoolBatch({{"openmp", "true"}, {"lock", "true"}}, 8, 2);
    ASSERT_TRUE(batch.ok()) << batch.status();
    for (int t = 0; t < 8; ++t) EXPECT_EQ(batch->checksums[t], TestChecksum(t));
  }
  alarm(0);
  stop = true;
  for (std::thread& thread : busy) thread.join();
}

TEST(ProcessesTest, WorkersRunInOtherProcesses) {
  const std::string log =
      absl::StrCat(::testing::TempDir(), "/execbench-pids-", getpid());
  std::remove(log.c_str());
  ASSERT_TRUE(RunPoolBatch({{"log_path", log}}, 8, 2).ok());
  std::ifstream in(log);
  int task, pid;
  std::set<int> pids;
  while (in >> task >> pid) pids.insert(pid);
  std::remove(log.c_str());
  EXPECT_FALSE(pids.contains(getpid()));
  EXPECT_FALSE(pids.empty());
}

}  // namespace
}  // namespace execbench
