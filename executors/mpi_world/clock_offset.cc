// Minimum-round-trip clock offset estimation over MPI.

#include "executors/mpi_world/clock_offset.h"

#include <mpi.h>

#include <limits>

#include "executors/clock.h"
#include "executors/mpi_world/messages.h"

namespace execbench::mpi {
namespace {

constexpr int kRoundTrips = 200;

}  // namespace

ClockOffset MeasureClockOffset(int rank) {
  ClockOffset best{.uncertainty_ns = std::numeric_limits<int64_t>::max()};
  for (int i = 0; i < kRoundTrips; ++i) {
    const int64_t sent = MonotonicNowNs();
    MPI_Send(&sent, 1, MPI_INT64_T, rank, kClockTag, MPI_COMM_WORLD);
    int64_t remote = 0;
    MPI_Recv(&remote, 1, MPI_INT64_T, rank, kClockTag, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    const int64_t received = MonotonicNowNs();
    const int64_t half_trip = (received - sent) / 2;
    if (half_trip < best.uncertainty_ns) {
      best = {.offset_ns = remote - (sent + half_trip),
              .uncertainty_ns = half_trip};
    }
  }
  return best;
}

void AnswerClockPings() {
  for (int i = 0; i < kRoundTrips; ++i) {
    int64_t sent = 0;
    MPI_Recv(&sent, 1, MPI_INT64_T, 0, kClockTag, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    const int64_t now = MonotonicNowNs();
    MPI_Send(&now, 1, MPI_INT64_T, 0, kClockTag, MPI_COMM_WORLD);
  }
}

}  // namespace execbench::mpi
