// Tests of the wall clock: calibrated to the time-stamp counter (test_main
// calibrates it, as bench does), it keeps CLOCK_MONOTONIC's pace and goes
// forward.

#include "executors/clock.h"

#include <time.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "gtest/gtest.h"

namespace execbench {
namespace {

TEST(ClockTest, KeepsClockMonotonicsPace) {
  const int64_t wall_before = MonotonicNowNs();
  const int64_t monotonic_before = ReadClockNs(CLOCK_MONOTONIC);
  const timespec pause = {.tv_sec = 0, .tv_nsec = 50'000'000};
  nanosleep(&pause, nullptr);
  const int64_t wall = MonotonicNowNs() - wall_before;
  const int64_t monotonic = ReadClockNs(CLOCK_MONOTONIC) - monotonic_before;
  // The same interval on both clocks, within a part in a thousand and the
  // few microseconds between the paired reads.
  EXPECT_LE(std::llabs(wall - monotonic), monotonic / 1000 + 20'000)
      << "wall " << wall << " ns, CLOCK_MONOTONIC " << monotonic << " ns";
}

TEST(ClockTest, GoesForward) {
  int64_t previous = MonotonicNowNs();
  for (int i = 0; i < 1'000'000; ++i) {
    const int64_t now = MonotonicNowNs();
    ASSERT_GE(now, previous) << "read " << i;
    previous = now;
  }
}

TEST(ClockTest, CalibrationSaysWhichClockItReads) {
  const std::string clock = CalibrateWallClock();
  EXPECT_TRUE(clock == "clock_gettime(CLOCK_MONOTONIC)" ||
              clock.starts_with("TSC at "))
      << clock;
}

}  // namespace
}  // namespace execbench
