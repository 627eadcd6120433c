// main() of every GoogleTest binary: calibrates the wall clock and starts the
// fork servers before GoogleTest or any test starts a thread, so that
// process-pool tests run as in `bench`; under mpirun, joins the MPI world after
// it, as `bench` does, so that rank 0 runs the tests and the other ranks serve
// the Mpi executor (before GoogleTest instantiates the tests, which list the
// executors available).
//
// Tests run with a $TMPDIR of their own, made here and removed at exit with
// what is in it, so that what a test finds there is its process's: other
// programs share /tmp.

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "executors/clock.h"
#include "executors/fork_server.h"
#include "executors/mpi_world/world.h"
#include "gtest/gtest.h"

namespace {

std::string* private_tmpdir = nullptr;

// Sets $TMPDIR to a new folder in the current one, removed at exit.
bool UsePrivateTmpdir() {
  const char* parent = std::getenv("TMPDIR");
  std::string path =
      std::string(parent != nullptr && parent[0] != '\0' ? parent : "/tmp") +
      "/execbench-test-XXXXXX";
  if (mkdtemp(path.data()) == nullptr) return false;
  private_tmpdir = new std::string(path);
  setenv("TMPDIR", path.c_str(), 1);
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(*private_tmpdir, ignored);
  });
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  execbench::CalibrateWallClock();
  if (absl::Status status = execbench::StartForkServer(); !status.ok()) {
    std::fprintf(stderr, "cannot start the fork server: %s\n",
                 status.ToString().c_str());
    return 1;
  }
  if (!UsePrivateTmpdir()) {
    std::perror("cannot make a private TMPDIR");
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
