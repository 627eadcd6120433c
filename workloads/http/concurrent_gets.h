// GetConcurrently(): a burst of simultaneous HTTP GETs from one thread
// through a curl multi handle, a client light enough not to hide how a server
// copes with many clients at once.

#ifndef EXECBENCH_WORKLOADS_HTTP_CONCURRENT_GETS_H_
#define EXECBENCH_WORKLOADS_HTTP_CONCURRENT_GETS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "workloads/http/http_get.h"

namespace execbench {

// A GET whose body was counted, not kept.
struct CountedGet {
  size_t body_bytes = 0;
  HttpTiming timing;
};

// GETs every URL at once; the result at index i is that of urls[i], checked
// and failed as HttpGet() does. curl_global_init() must have run.
std::vector<absl::StatusOr<CountedGet>> GetConcurrently(
    const std::vector<std::string>& urls, absl::Duration timeout);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HTTP_CONCURRENT_GETS_H_
