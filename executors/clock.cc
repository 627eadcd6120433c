// CalibrateWallClock(): the time-stamp counter's rate against
// CLOCK_MONOTONIC, from two readings 20 ms apart; its hand-over to a process
// started with exec(); WallClockInUse(): that rate, read back.

#include "executors/clock.h"

#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace execbench {
namespace clock_internal {

TscScale tsc_scale;

}  // namespace clock_internal

namespace {

constexpr absl::Duration kCalibrationSpan = absl::Milliseconds(20);
constexpr int kTries = 9;
// TscScale::mult's unit: 2^32.
constexpr long double kMultOne = 4294967296.0L;

// A TSC reading and the CLOCK_MONOTONIC time it was taken at, as the
// midpoint of the tightest of a few brackets of two clock reads.
struct Reading {
  uint64_t tsc;
  int64_t ns;
};

bool KernelKeepsTimeWithTsc() {
  std::ifstream in(
      "/sys/devices/system/clocksource/clocksource0/current_clocksource");
  std::string clocksource;
  return std::getline(in, clocksource) && clocksource == "tsc";
}

#if defined(__x86_64__)
Reading Read() {
  Reading best{};
  int64_t best_width = std::numeric_limits<int64_t>::max();
  for (int i = 0; i < kTries; ++i) {
    const int64_t before = ReadClockNs(CLOCK_MONOTONIC);
    const uint64_t tsc = __rdtsc();
    const int64_t after = ReadClockNs(CLOCK_MONOTONIC);
    if (after - before < best_width) {
      best_width = after - before;
      best = {.tsc = tsc, .ns = before + (after - before) / 2};
    }
  }
  return best;
}
#endif

}  // namespace

void CalibrateWallClock() {
#if defined(__x86_64__)
  if (!KernelKeepsTimeWithTsc()) return;
  clock_internal::tsc_scale = {};
  const Reading first = Read();
  absl::SleepFor(kCalibrationSpan);
  const Reading second = Read();
  if (second.tsc <= first.tsc || second.ns <= first.ns) return;
  const long double ns_per_tick =
      static_cast<long double>(second.ns - first.ns) /
      static_cast<long double>(second.tsc - first.tsc);
  clock_internal::tsc_scale = {
      .base_tsc = second.tsc,
      .base_ns = second.ns,
      .mult = static_cast<uint64_t>(ns_per_tick * kMultOne + 0.5L)};
#endif
}

std::string WallClockCalibration() {
  const clock_internal::TscScale& scale = clock_internal::tsc_scale;
  return absl::StrCat(scale.base_tsc, ",", scale.base_ns, ",", scale.mult);
}

bool AdoptWallClockCalibration(absl::string_view calibration) {
  const std::vector<absl::string_view> fields =
      absl::StrSplit(calibration, ',');
  clock_internal::TscScale scale;
  if (fields.size() != 3 || !absl::SimpleAtoi(fields[0], &scale.base_tsc) ||
      !absl::SimpleAtoi(fields[1], &scale.base_ns) ||
      !absl::SimpleAtoi(fields[2], &scale.mult)) {
    return false;
  }
  clock_internal::tsc_scale = scale;
  return true;
}

std::string WallClockInUse() {
  const uint64_t mult = clock_internal::tsc_scale.mult;
  if (mult == 0) return "clock_gettime(CLOCK_MONOTONIC)";
  // Ticks per microsecond: 1000 / (nanoseconds per tick).
  return absl::StrFormat("TSC at %.3f MHz",
                         static_cast<double>(1e3L * kMultOne / mult));
}

}  // namespace execbench
