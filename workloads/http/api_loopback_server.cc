// The Api workload's loopback server and the flags that shape it.

#include "workloads/http/api_loopback_server.h"

#include <memory>

#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "core/flag_types.h"
#include "core/machine_limits.h"
#include "core/suite_flag.h"

EXECBENCH_FLAG(execbench::NonNegativeInt, api_delay_ms, {50},
               "Api: how long the loopback server waits before it answers");
EXECBENCH_FLAG(execbench::NonNegativeInt, api_body_bytes, {262144},
               "Api: size of the loopback server's response bodies");

namespace execbench {
namespace {

// The server, if its body fits in memory.
absl::StatusOr<std::unique_ptr<DelayedHttpServer>> StartServer() {
  if (absl::Status fits =
          CheckMemory("the loopback HTTP server", "its body (--api_body_bytes)",
                      static_cast<double>(LoopbackBodyBytes()));
      !fits.ok()) {
    return fits;
  }
  return DelayedHttpServer::Start(
      {.delay = absl::Milliseconds(absl::GetFlag(FLAGS_api_delay_ms).value),
       .body_bytes = LoopbackBodyBytes()});
}

}  // namespace

absl::StatusOr<DelayedHttpServer*> ApiLoopbackServer() {
  static absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      StartServer();
  if (!server.ok()) return server.status();
  return server->get();
}

int64_t LoopbackBodyBytes() {
  return absl::GetFlag(FLAGS_api_body_bytes).value;
}

}  // namespace execbench
