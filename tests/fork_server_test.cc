// The fork servers follow the machine: one per core, however many cores, so
// that a process pool of twice the cores starts in two rounds of forks. A
// large machine is simulated by starting as many servers as it would; the
// test binary has started no thread of its own before, so the servers may be
// restarted here.

#include "executors/fork_server.h"

#include <sys/types.h>
#include <unistd.h>

#include <set>
#include <vector>

#include "core/batch_result.h"
#include "core/machine_cores.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "tests/test_workload.h"
#include "tests/workload_batches.h"

namespace execbench {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST(ForkServerTest, OneServerPerCoreOfThisMachine) {
  EXPECT_THAT(ForkServerPids(), SizeIs(MachineCores()));
}

TEST(ForkServerTest, SixtyFourCoresGetSixtyFourServersThatRunAPoolOfTwice) {
  constexpr int kCores = 64;
  StopForkServer();
  ASSERT_TRUE(StartForkServer(kCores).ok());
  const std::vector<pid_t> pids = ForkServerPids();
  EXPECT_THAT(std::set<pid_t>(pids.begin(), pids.end()), SizeIs(kCores));

  constexpr int kTasks = 4 * kCores;
  absl::StatusOr<BatchResult> batch =
      RunBatchOn("Processes", {.name = "Test"}, kTasks, 2 * kCores);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->workers, 2 * kCores);
  ASSERT_THAT(batch->checksums, SizeIs(kTasks));
  for (int task = 0; task < kTasks; ++task) {
    EXPECT_EQ(batch->checksums[task], TestChecksum(task)) << "task " << task;
  }
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());

  StopForkServer();
  EXPECT_THAT(ForkServerPids(), IsEmpty());
  EXPECT_THAT(ChildrenOf(getpid()), IsEmpty());
  ASSERT_TRUE(StartForkServer().ok());
}

}  // namespace
}  // namespace execbench
