// The offset of a rank's wall clock (MonotonicNowNs()) to rank 0's, estimated
// as Score-P does: rank 0 sends its time, the rank answers with its own, and
// of many round trips the shortest one gives the estimate, its half-length
// bounding the error. Every rank calibrates its own clock (executors/clock.h),
// so even on one host the offsets are not zero, and the clocks drift apart at
// the difference of their measured rates (parts per million); the offsets are
// measured again at the end of the run for that reason.

#ifndef EXECBENCH_EXECUTORS_MPI_WORLD_CLOCK_OFFSET_H_
#define EXECBENCH_EXECUTORS_MPI_WORLD_CLOCK_OFFSET_H_

#include <cstdint>

namespace execbench::mpi {

struct ClockOffset {
  int64_t offset_ns = 0;       // the rank's clock minus rank 0's
  int64_t uncertainty_ns = 0;  // half the shortest round trip
};

// On rank 0: pings `rank`, which is in AnswerClockPings(), and returns the
// estimate.
ClockOffset MeasureClockOffset(int rank);

// On a worker rank: answers rank 0's pings of one MeasureClockOffset().
void AnswerClockPings();

}  // namespace execbench::mpi

#endif  // EXECBENCH_EXECUTORS_MPI_WORLD_CLOCK_OFFSET_H_
