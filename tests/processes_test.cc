// Process-pool guarantees beyond every executor's: a worker that dies, is
// stopped or runs past the batch timeout is reported (signal or exit code,
// worker, pid, task) and nothing hangs; a fork server that dies is named and
// replaced; nothing is left behind (zombies, descriptors, sockets, shared
// memory, files); and workers start safely from a parent with live threads
// that has used OpenMP.

#include <omp.h>
#include <signal.h>
#include <sys/wait.h>
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
#include "executors/batch_timeout.h"
#include "executors/fork_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "tests/test_workload.h"
#include "tests/workload_batches.h"

namespace execbench {
namespace {

using ::testing::Contains;
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

std::string TaskLogPath() {
  return absl::StrCat(::testing::TempDir(), "/execbench-pool-log-", getpid());
}

// Workers that end normally, fail, are killed by a signal, exit or are
// stopped leave nothing: no process, descriptor, listening socket, file in
// /dev/shm or $TMPDIR, nor the registration LLVM OpenMP (clang builds) makes
// for every process it runs in, which a worker that ends with _exit() or a
// signal cannot remove itself.
TEST(ProcessesTest, LeavesNoProcessDescriptorSocketOrFileBehind) {
  const std::string log = TaskLogPath();
  std::remove(log.c_str());
  const std::set<std::string> fds_before = ListDirectory("/proc/self/fd");
  const std::set<std::string> shm_before = SharedMemoryFiles();
  const std::set<std::string> sockets_before = ListeningSockets();
  const std::set<std::string> temp_before = TempFiles();
  alarm(120);  // a hang fails the test instead of stalling the suite
  for (const char* failure : {"segv", "kill", "exit7", "stop", "error"}) {
    EXPECT_TRUE(RunPoolBatch({{"log_path", log}}, 50, 3).ok());
    EXPECT_FALSE(
        RunPoolBatch(
            {{"log_path", log}, {"fail_at", "1"}, {"failure", failure}}, 10, 3)
            .ok())
        << failure;
  }
  alarm(0);
  const std::set<pid_t> workers = PidsInTaskLog(log);
  std::remove(log.c_str());
  EXPECT_THAT(workers, Not(IsEmpty()));
  EXPECT_THAT(OpenMpRegistrationsOf(workers), IsEmpty());
  EXPECT_EQ(ListDirectory("/proc/self/fd"), fds_before);
  EXPECT_EQ(SharedMemoryFiles(), shm_before);
  EXPECT_EQ(ListeningSockets(), sockets_before);
  EXPECT_EQ(TempFiles(), temp_before);
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
  EXPECT_THAT(ChildrenBesidesForkServers(), IsEmpty());
  EXPECT_THAT(ForkServerPids(), Not(IsEmpty()));
}

TEST(ProcessesTest, StoppedWorkerFailsItsBatchAtOnceNamingIt) {
  alarm(120);  // a hang fails the test instead of stalling the suite
  absl::StatusOr<BatchResult> batch =
      RunPoolBatch({{"fail_at", "1"}, {"failure", "stop"}}, 6, 2);
  alarm(0);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(
      std::string(batch.status().message()),
      MatchesRegex("process pool broken: worker [01] \\(pid [0-9]+\\) was "
                   "stopped by signal 19 \\(Stopped \\(signal\\)\\) while "
                   "running task 1"));
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
}

TEST(ProcessesTest, WorkerStillRunningAtTheBatchTimeoutIsKilledAndNamed) {
  SetBatchTimeout(absl::Seconds(1));
  alarm(120);
  absl::StatusOr<BatchResult> batch =
      RunPoolBatch({{"fail_at", "2"}, {"failure", "hang"}}, 4, 1);
  alarm(0);
  SetBatchTimeout(kDefaultBatchTimeout);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(std::string(batch.status().message()),
              MatchesRegex("process pool broken: the batch ran past its "
                           "timeout of 1 s \\(--batch_timeout_s\\) with "
                           "worker 0 \\(pid [0-9]+\\) running task 2"));
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
}

// The fork servers' replies do not grow with the batch: one of 7,000
// workers, whose exits travel in the batch's shared memory, runs. (A reply
// of 32 bytes per worker did not fit in the socket's 208 KiB from 6,600
// workers.)
TEST(ProcessesTest, BatchOfThousandsOfWorkersGetsItsReply) {
#if !defined(NDEBUG) || defined(__SANITIZE_THREAD__) || \
    defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "7,000 forks take from 15 s (Release, on 2 idle cores) to "
                  "minutes; the protocol is the same in every build";
#endif
  constexpr int kWorkers = 7000;
  absl::StatusOr<BatchResult> batch = RunPoolBatch({}, kWorkers, kWorkers);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->checksums.size(), kWorkers);
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
}

TEST(ProcessesTest, KilledForkServerIsReplacedBeforeTheNextBatch) {
  const std::vector<pid_t> before = ForkServerPids();
  ASSERT_THAT(before, Not(IsEmpty()));
  ASSERT_EQ(kill(before[0], SIGKILL), 0);
  // Between batches: it has ended before the next one starts, every thread
  // of it (a sanitizer's runtime keeps one beside main, and the process
  // shows as a zombie before its last thread ends and it can be waited for).
  siginfo_t info{};
  while (waitid(P_PID, before[0], &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
         info.si_pid != before[0]) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  absl::StatusOr<BatchResult> batch = RunPoolBatch({}, 20, 3);
  ASSERT_TRUE(batch.ok()) << batch.status();
  const std::vector<pid_t> after = ForkServerPids();
  EXPECT_EQ(after.size(), before.size());
  EXPECT_THAT(after, Not(Contains(before[0])));
  // The lost server was reaped; its replacement is this process's child.
  EXPECT_THAT(ChildrenBesidesForkServers(), IsEmpty());
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
}

TEST(ProcessesTest, ForkServerKilledDuringABatchFailsItNamingTheSignal) {
  const std::vector<pid_t> servers = ForkServerPids();
  ASSERT_THAT(servers, Not(IsEmpty()));
  alarm(120);
  absl::StatusOr<BatchResult> batch;
  std::thread run([&] {
    // Tasks of up to half a second, on as many workers as servers.
    batch = RunPoolBatch({{"sleep_us_step", "5000"}, {"tasks", "100"}}, 100,
                         static_cast<int>(servers.size()));
  });
  while (ChildrenOf(servers[0]).empty()) absl::SleepFor(absl::Milliseconds(1));
  kill(servers[0], SIGKILL);
  run.join();
  alarm(0);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(),
              HasSubstr(absl::StrCat("the fork server (pid ", servers[0],
                                     ") was killed by signal 9 (Killed) "
                                     "during the batch")));
  // The next batch runs, on a replacement.
  EXPECT_TRUE(RunPoolBatch({}, 20, 3).ok());
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
}

TEST(ProcessesTest, ForkServerReapedElsewhereIsReplacedBeforeTheNextBatch) {
  const std::vector<pid_t> servers = ForkServerPids();
  ASSERT_THAT(servers, Not(IsEmpty()));
  // Reaped here, as a wait for any child would: no longer a child that the
  // executor can wait for, yet lost.
  ASSERT_EQ(kill(servers[0], SIGKILL), 0);
  siginfo_t info{};
  ASSERT_EQ(waitid(P_PID, servers[0], &info, WEXITED), 0);
  absl::StatusOr<BatchResult> batch = RunPoolBatch({}, 20, 3);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_THAT(ForkServerPids(), Not(Contains(servers[0])));
  EXPECT_EQ(ForkServerPids().size(), servers.size());
  EXPECT_THAT(ChildrenBesidesForkServers(), IsEmpty());
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
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
