// The clocks every executor measures with, and the process's count of
// involuntary context switches, read beside its CPU clock.
//
// Wall time is CLOCK_MONOTONIC's nanoseconds. The instrument reads it once
// per task boundary, and a clock_gettime() costs 22.6 ns on this suite's
// 2-vCPU VM, most of what the instrument costs. So once
// CalibrateWallClock() has run, in this process or in the one it was forked
// from, MonotonicNowNs() reads the CPU's time-stamp counter instead (10 ns
// there) and scales it to nanoseconds at the rate measured against
// CLOCK_MONOTONIC, from the moment of calibration. That is done only where
// the kernel itself keeps time with the TSC (clocksource "tsc"), which it
// chooses only when every CPU's counter runs at one constant rate and in
// step. Like Google Benchmark's cycle clock, the read is not serialising: it
// can be taken a few dozen cycles before the instructions before it retire.
//
// Every process that measures a batch with the parent shares its calibration
// (pool workers are forked after it), so their times line up with the batch
// start taken in the parent. MPI ranks each calibrate their own clock; their
// offsets to rank 0's are measured (executors/mpi_world/clock_offset.h). The
// rate is within a few parts per million of CLOCK_MONOTONIC's, which NTP may
// slew meanwhile; durations, not dates, are what the suite reports.

#ifndef EXECBENCH_EXECUTORS_CLOCK_H_
#define EXECBENCH_EXECUTORS_CLOCK_H_

#include <sys/resource.h>
#include <time.h>

#include <cstdint>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/strings/string_view.h"

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace execbench {

inline int64_t ReadClockNs(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

namespace clock_internal {

// Set once by CalibrateWallClock(), before any thread starts; zero `mult`
// means CLOCK_MONOTONIC is read directly.
struct TscScale {
  uint64_t base_tsc = 0;
  int64_t base_ns = 0;
  uint64_t mult = 0;  // nanoseconds per tick, times 2^32
};
extern TscScale tsc_scale;

}  // namespace clock_internal

inline int64_t MonotonicNowNs() {
#if defined(__x86_64__)
  const clock_internal::TscScale& scale = clock_internal::tsc_scale;
  if (scale.mult != 0) {
    const auto ticks = static_cast<int64_t>(__rdtsc() - scale.base_tsc);
    return scale.base_ns +
           static_cast<int64_t>((absl::int128(ticks) * scale.mult) >> 32);
  }
#endif
  return ReadClockNs(CLOCK_MONOTONIC);
}

inline int64_t ThreadCpuNs() { return ReadClockNs(CLOCK_THREAD_CPUTIME_ID); }
inline int64_t ProcessCpuNs() { return ReadClockNs(CLOCK_PROCESS_CPUTIME_ID); }

// The times the kernel took the CPU from a thread of this process while it
// could still run (ended and live threads alike).
inline int64_t ProcessInvoluntarySwitches() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_nivcsw;
}

// Makes MonotonicNowNs() read the time-stamp counter where the kernel keeps
// time with it; takes about 20 ms. Call at the top of main(), before any
// thread starts and before anything reads the clock.
void CalibrateWallClock();

// The calibration in use as text, and its adoption by a process of the same
// program started with exec() rather than forked (a fork server that
// replaces a lost one), so that both read the same clock. Adoption returns
// false, and changes nothing, for text that is not a calibration.
std::string WallClockCalibration();
bool AdoptWallClockCalibration(absl::string_view calibration);

// What the run context records of the clock MonotonicNowNs() reads:
// "clock_gettime(CLOCK_MONOTONIC)", or "TSC at <rate> MHz".
std::string WallClockInUse();

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_CLOCK_H_
