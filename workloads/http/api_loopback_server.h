// The Api workload's loopback server, shared by the workloads that GET from
// it and the benchmark that measures the server itself.

#ifndef EXECBENCH_WORKLOADS_HTTP_API_LOOPBACK_SERVER_H_
#define EXECBENCH_WORKLOADS_HTTP_API_LOOPBACK_SERVER_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "workloads/http/delayed_http_server.h"

namespace execbench {

// The server that Api tasks GET from unless --api_url is given: started on the
// first call with --api_delay_ms and --api_body_bytes (if its body fits in
// memory), stopped at exit.
absl::StatusOr<DelayedHttpServer*> ApiLoopbackServer();

// The size of the server's bodies (--api_body_bytes), known before it starts.
int64_t LoopbackBodyBytes();

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HTTP_API_LOOPBACK_SERVER_H_
