// The Mpi executor's own behaviour. Run plainly, it checks what bench without
// mpirun sees (Mpi unavailable, with the command to use); run under
// `mpirun -n 3` (scripts/test-mpi), it checks the world that rank 0 sees, and
// the disabled test, run alone under mpirun by tests/python/test_mpi.py,
// kills a worker rank in the middle of a batch.

#include <sys/prctl.h>
#include <unistd.h>

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "core/executor.h"
#include "executors/batch_timeout.h"
#include "executors/mpi_world/world.h"
#include "executors/pool_worker.h"
#include "executors/proc_stat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_workload.h"
#include "tests/workload_batches.h"

namespace execbench {
namespace {

using ::testing::HasSubstr;

const ExecutorRegistration& MpiRegistration() {
  absl::StatusOr<const ExecutorRegistration*> mpi = FindExecutor("Mpi");
  EXPECT_TRUE(mpi.ok()) << mpi.status();
  return **mpi;
}

TEST(MpiWithoutMpirunTest, IsUnavailableAndSaysHowToLaunch) {
  if (mpi::LaunchedByMpirun()) GTEST_SKIP() << "launched by mpirun";
  const ExecutorRegistration& mpi = MpiRegistration();
  const absl::Status available = mpi.availability();
  EXPECT_TRUE(absl::IsUnavailable(available)) << available;
  EXPECT_THAT(available.message(), HasSubstr("mpirun -n 3"));
  EXPECT_EQ(mpi.max_workers(), 0);
  absl::StatusOr<BatchResult> batch =
      RunBatchOn("Mpi", {.name = "Test", .params = {}}, 3, 1);
  EXPECT_TRUE(absl::IsUnavailable(batch.status())) << batch.status();
}

// The command name may hold spaces and parentheses.
TEST(ProcStatTest, ReadsTheFieldsAfterTheCommandName) {
  char name[16] = {};
  prctl(PR_GET_NAME, name);
  prctl(PR_SET_NAME, "a) b (c");
  const std::vector<std::string> fields = ProcStatFieldsAfterName(getpid());
  prctl(PR_SET_NAME, name);
  ASSERT_GE(fields.size(), 22 - kFirstFieldAfterName);
  EXPECT_EQ(fields[3 - kFirstFieldAfterName], "R");  // the state
  EXPECT_EQ(fields[4 - kFirstFieldAfterName], std::to_string(getppid()));
}

TEST(ProcStatTest, ReadsNothingOfAProcessThatDoesNotExist) {
  // Above any pid: the kernel's pid_max is at most 2^22.
  constexpr pid_t kNoSuchPid = std::numeric_limits<pid_t>::max();
  EXPECT_TRUE(ProcStatFieldsAfterName(kNoSuchPid).empty());
}

TEST(MpiCurrentTaskTest, DescribesEachStateOfTheSlot) {
  EXPECT_EQ(mpi::DescribeCurrentTask(6), "running task 6");
  EXPECT_EQ(mpi::DescribeCurrentTask(0), "running task 0");
  EXPECT_EQ(mpi::DescribeCurrentTask(mpi::kBeforeFirstTask),
            "before its first task");
  EXPECT_EQ(
      mpi::DescribeCurrentTask(mpi::TakingTaskAfter(mpi::kBeforeFirstTask)),
      "before its first task");
  EXPECT_EQ(mpi::DescribeCurrentTask(mpi::TakingTaskAfter(0)),
            "past task 0, taking or running its next task");
  EXPECT_EQ(mpi::DescribeCurrentTask(mpi::TakingTaskAfter(5)),
            "past task 5, taking or running its next task");
}

class MpiWorldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (mpi::ThisWorld() == nullptr) GTEST_SKIP() << "needs mpirun -n 3";
  }
};

TEST_F(MpiWorldTest, OffersOneWorkerPerRankButRankZero) {
  const int ranks = static_cast<int>(mpi::ThisWorld()->ranks.size());
  EXPECT_EQ(MpiRegistration().max_workers(), ranks - 1);
  absl::StatusOr<BatchResult> batch =
      RunBatchOn("Mpi", {.name = "Test", .params = {}}, 3, ranks);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(), HasSubstr("worker ranks"));
}

TEST_F(MpiWorldTest, BatchNamesTheHostOfEveryWorker) {
  const mpi::World& world = *mpi::ThisWorld();
  const int workers = static_cast<int>(world.ranks.size()) - 1;
  absl::StatusOr<BatchResult> batch =
      RunBatchOn("Mpi", {.name = "Test", .params = {}}, 10, workers);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_EQ(batch->worker_hosts.size(), workers);
  for (int worker = 0; worker < workers; ++worker) {
    EXPECT_EQ(batch->worker_hosts[worker], world.ranks[worker + 1].host);
  }
}

// What the executor itself reports, without RunBatch(), which adds rank 0's
// own: only worker ranks run tasks, and each task uses 1 ms of CPU and hands
// its CPU over at least once.
TEST_F(MpiWorldTest, BatchCountsWorkerRanksCpuAndInvoluntarySwitches) {
  constexpr int kTasks = 10;
  const int workers = static_cast<int>(mpi::ThisWorld()->ranks.size()) - 1;
  const WorkloadSpec spec = {
      .name = "Test", .params = {{"spin_us", "1000"}, {"yield_cpu", "true"}}};
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      PrepareWorkloadFromSpec(spec.Serialize());
  ASSERT_TRUE(workload.ok()) << workload.status();
  absl::StatusOr<BatchResult> batch =
      MpiRegistration().make()->Run(**workload, kTasks, workers);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_GE(batch->cpu_ns, kTasks * 1'000'000);
  EXPECT_GE(batch->involuntary_switches, kTasks);
}

TEST_F(MpiWorldTest, FailureNamesRankHostAndTask) {
  absl::StatusOr<BatchResult> batch =
      RunBatchOn("Mpi", {.name = "Test", .params = {{"fail_at", "4"}}}, 10, 1);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(),
              HasSubstr("rank 1 (host " + mpi::ThisWorld()->ranks[1].host));
  EXPECT_THAT(batch.status().message(), HasSubstr("task 4 failed"));
  // The world serves the next batch.
  batch = RunBatchOn("Mpi", {.name = "Test", .params = {}}, 10, 1);
  EXPECT_TRUE(batch.ok()) << batch.status();
}

TEST_F(MpiWorldTest, ContextDescribesEveryRank) {
  const std::map<std::string, std::string> context = mpi::WorldContext();
  const size_t ranks = mpi::ThisWorld()->ranks.size();
  EXPECT_EQ(context.at("mpi_ranks"), std::to_string(ranks));
  for (const char* key :
       {"mpi_hosts", "mpi_clock_offset_ns", "mpi_clock_uncertainty_ns"}) {
    const std::vector<std::string> values =
        absl::StrSplit(context.at(key), ',');
    EXPECT_EQ(values.size(), ranks) << key;
  }
  EXPECT_EQ(context.at("mpi_clock_offset_ns").substr(0, 2), "0,");
  // Under scripts/test-mpi, mpirun is rank 0's parent: its start is known.
  EXPECT_TRUE(context.contains("mpi_launch_s"));
}

// Runs a batch of 40 tasks on 2 worker ranks whose task 6 ends as the Test
// workload's `failure` (test_workload.h): the job must end before the batch
// returns. tests/python/test_mpi.py runs the tests that call it and reads
// rank 0's message.
void EndTheJobAtTask6(const std::string& failure) {
  ASSERT_GE(mpi::ThisWorld()->ranks.size(), 3);
  absl::StatusOr<BatchResult> batch = RunBatchOn(
      "Mpi",
      {.name = "Test",
       .params = {{"fail_at", "6"}, {"failure", failure}, {"spin_us", "2000"}}},
      40, 2);
  ADD_FAILURE() << "the batch returned: " << batch.status();
}

// The rank that runs task 6 kills itself with SIGKILL: mpirun ends the job,
// and rank 0 says which rank died, on which host, running which task.
TEST_F(MpiWorldTest, DISABLED_KilledRankEndsTheJob) {
  EndTheJobAtTask6("kill");
}

// The rank that runs task 6 stops (SIGSTOP): rank 0 sees it stopped, says
// which rank, on which host, running which task, and ends the job rather
// than wait for it.
TEST_F(MpiWorldTest, DISABLED_StoppedRankEndsTheJob) {
  EndTheJobAtTask6("stop");
}

// The rank that runs task 6 never ends it: at the batch timeout rank 0 says
// which rank has not answered, running which task, and ends the job.
TEST_F(MpiWorldTest, DISABLED_RankThatNeverAnswersEndsTheJobAtTheTimeout) {
  SetBatchTimeout(absl::Seconds(2));
  EndTheJobAtTask6("hang");
}

}  // namespace
}  // namespace execbench
