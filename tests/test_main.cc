// main() of every GoogleTest binary: calibrates the wall clock and starts the
// fork servers before GoogleTest or any test starts a thread, so that
// process-pool tests run as in `bench`; under mpirun, joins the MPI world after
// it, as `bench` does, so that rank 0 runs the tests and the other ranks serve
// the Mpi executor (before GoogleTest instantiates the tests, which list the
// executors available).

#include <cstdio>

#include "executors/clock.h"
#include "executors/fork_server.h"
#include "executors/mpi_world/world.h"
#include "gtest/gtest.h"

int main(int argc, char** argv) {
  execbench::CalibrateWallClock();
  if (absl::Status status = execbench::StartForkServer(); !status.ok()) {
    std::fprintf(stderr, "cannot start the fork server: %s\n",
                 status.ToString().c_str());
    return 1;
  }
  if (absl::Status status = execbench::mpi::JoinWorldIfLaunched(&argc, &argv);
      !status.ok()) {
    std::fprintf(stderr, "cannot join the MPI world: %s\n",
                 status.ToString().c_str());
    return 1;
  }
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
