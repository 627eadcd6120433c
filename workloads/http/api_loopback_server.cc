// The Api workload's loopback server and the flags that shape it.

#include "workloads/http/api_loopback_server.h"

#include <memory>

#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"

EXECBENCH_FLAG(execbench::NonNegativeInt, api_delay_ms, {50},
               "Api: how long the loopback server waits before it answers");
EXECBENCH_FLAG(execbench::NonNegativeInt, api_body_bytes, {262144},
               "Api: size of the loopback server's response bodies");

namespace execbench {

absl::StatusOr<DelayedHttpServer*> ApiLoopbackServer() {
  static absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start(
          {.delay = absl::Milliseconds(absl::GetFlag(FLAGS_api_delay_ms).value),
           .body_bytes = absl::GetFlag(FLAGS_api_body_bytes).value});
  if (!server.ok()) return server.status();
  return server->get();
}

}  // namespace execbench
