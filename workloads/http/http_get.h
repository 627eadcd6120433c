// HTTP GETs with libcurl: HttpGet() fetches one URL and returns its whole
// body and timing, or an error naming the URL for anything but a complete 200
// response. SetUpGet() and CheckFinishedGet() are its parts, for callers that
// drive many transfers at once with a curl multi handle; StartHttpGet() is
// HttpGet() on an event loop.

#ifndef EXECBENCH_WORKLOADS_HTTP_HTTP_GET_H_
#define EXECBENCH_WORKLOADS_HTTP_HTTP_GET_H_

#include <curl/curl.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/async_workload.h"
#include "workloads/hashing/bytes_checksum.h"

namespace execbench {

// How long a GET took.
struct HttpTiming {
  // From the start of the GET (connecting included) to the first byte of the
  // answer, and to its last byte.
  absl::Duration first_byte;
  absl::Duration total;
  // From the moment the request was sent to the first byte of the answer:
  // the server's delay as the client sees it, without the client's own
  // connection set-up. A curl multi handle reads its clock once per call and
  // shares it among the transfers it drives, so with many at once this can
  // come out slightly below the server's real delay; first_byte cannot.
  absl::Duration server_wait;
};

struct HttpResponse {
  std::string body;
  // BytesChecksum() of the body, computed as it arrived.
  uint64_t body_checksum = 0;
  HttpTiming timing;
};

// Fetches `url`, following redirects. `timeout` bounds connecting and the
// whole transfer. Fails with DeadlineExceeded on a timeout, Unavailable on any
// other transport error or a status other than 200, and DataLoss when the body
// is not as long as its Content-Length. curl_global_init() must have run.
absl::StatusOr<HttpResponse> HttpGet(const std::string& url,
                                     absl::Duration timeout);

// HttpGet() on `io`'s event loop: `done` receives what HttpGet() would return.
void StartHttpGet(AsyncIo& io, std::string url, absl::Duration timeout,
                  absl::AnyInvocable<void(absl::StatusOr<HttpResponse>)> done);

// Sets up `curl` to GET `url` as HttpGet() does, with `error` (at least
// CURL_ERROR_SIZE bytes) as its error buffer. The caller sets where the body
// goes.
void SetUpGet(CURL* curl, const std::string& url, absl::Duration timeout,
              char* error);

// A body that curl appends to `body` as it arrives, checksumming each piece
// while it is still in the cache.
struct BodyDownload {
  CURL* curl;
  std::string body;
  BytesChecksummer checksum;
};

// Points `download.curl`'s body at `download.body`, which it reserves at
// the response's Content-Length.
void DownloadBody(BodyDownload& download);

// The outcome of a GET that SetUpGet() set up, once curl finished it with
// `result` after `received_bytes` bytes of body, as HttpGet() reports it.
absl::StatusOr<HttpTiming> CheckFinishedGet(CURL* curl, CURLcode result,
                                            const std::string& url,
                                            const char* error,
                                            size_t received_bytes);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HTTP_HTTP_GET_H_
