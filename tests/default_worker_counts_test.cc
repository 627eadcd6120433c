// Tests of bench's default worker counts: powers of two up to the first above
// the core count, and the core count, on machines small and large.

#include "benchmarks/cli/default_worker_counts.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

using ::testing::ElementsAre;

TEST(DefaultWorkerCountsTest, TwoCoresGoOneStepPast) {
  EXPECT_THAT(DefaultWorkerCounts(2), ElementsAre(1, 2, 4));
}

TEST(DefaultWorkerCountsTest, SixteenCores) {
  EXPECT_THAT(DefaultWorkerCounts(16), ElementsAre(1, 2, 4, 8, 16, 32));
}

TEST(DefaultWorkerCountsTest, SixtyFourCoresReachOneHundredTwentyEight) {
  EXPECT_THAT(DefaultWorkerCounts(64),
              ElementsAre(1, 2, 4, 8, 16, 32, 64, 128));
}

TEST(DefaultWorkerCountsTest, ACoreCountBetweenPowersIsMeasuredToo) {
  EXPECT_THAT(DefaultWorkerCounts(3), ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(DefaultWorkerCounts(6), ElementsAre(1, 2, 4, 6, 8));
  EXPECT_THAT(DefaultWorkerCounts(96),
              ElementsAre(1, 2, 4, 8, 16, 32, 64, 96, 128));
}

TEST(DefaultWorkerCountsTest, OneCoreOrAnUnknownCountStillComparesTwo) {
  EXPECT_THAT(DefaultWorkerCounts(1), ElementsAre(1, 2));
  EXPECT_THAT(DefaultWorkerCounts(0), ElementsAre(1, 2));
}

}  // namespace
}  // namespace execbench
