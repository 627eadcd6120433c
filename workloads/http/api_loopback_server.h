// The Api workload's loopback server, shared by the workloads that GET from
// it and the benchmark that measures the server itself.

#ifndef EXECBENCH_WORKLOADS_HTTP_API_LOOPBACK_SERVER_H_
#define EXECBENCH_WORKLOADS_HTTP_API_LOOPBACK_SERVER_H_

#include "absl/status/statusor.h"
#include "workloads/http/delayed_http_server.h"

namespace execbench {

// The server that Api tasks GET from unless --api_url is given: started on the
// first call with --api_delay_ms and --api_body_bytes, stopped at exit.
absl::StatusOr<DelayedHttpServer*> ApiLoopbackServer();

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HTTP_API_LOOPBACK_SERVER_H_
