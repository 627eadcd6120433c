// The clocks every executor measures with. Wall time is CLOCK_MONOTONIC,
// which all processes on the machine share, so spans measured in worker
// processes line up with the batch start taken in the parent.

#ifndef EXECBENCH_EXECUTORS_CLOCK_H_
#define EXECBENCH_EXECUTORS_CLOCK_H_

#include <time.h>

#include <cstdint>

namespace execbench {

inline int64_t ReadClockNs(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

inline int64_t MonotonicNowNs() { return ReadClockNs(CLOCK_MONOTONIC); }
inline int64_t ThreadCpuNs() { return ReadClockNs(CLOCK_THREAD_CPUTIME_ID); }
inline int64_t ProcessCpuNs() { return ReadClockNs(CLOCK_PROCESS_CPUTIME_ID); }

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_CLOCK_H_
