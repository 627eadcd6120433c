// main() of every GoogleTest binary: starts the fork server before GoogleTest
// or any test starts a thread, so that process-pool tests run as in `bench`.

#include <cstdio>

#include "executors/fork_server.h"
#include "gtest/gtest.h"

int main(int argc, char** argv) {
  if (absl::Status status = execbench::StartForkServer(); !status.ok()) {
    std::fprintf(stderr, "cannot start the fork server: %s\n",
                 status.ToString().c_str());
    return 1;
  }
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
