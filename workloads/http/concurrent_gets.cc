// GetConcurrently(): every transfer started at once on one IoLoop (curl's
// multi interface driven by socket actions from epoll), so that the client
// stays light with hundreds of transfers in flight.

#include "workloads/http/concurrent_gets.h"

#include <curl/curl.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/io_loop/io_loop.h"

namespace execbench {
namespace {

struct Transfer {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl{curl_easy_init(),
                                                           &curl_easy_cleanup};
  char error[CURL_ERROR_SIZE];
  size_t received_bytes = 0;
};

size_t CountBody(char*, size_t size, size_t count, void* received_bytes) {
  *static_cast<size_t*>(received_bytes) += size * count;
  return size * count;
}

}  // namespace

std::vector<absl::StatusOr<CountedGet>> GetConcurrently(
    const std::vector<std::string>& urls, absl::Duration timeout) {
  std::vector<absl::StatusOr<CountedGet>> results;
  for (const std::string& url : urls) {
    results.push_back(absl::ResourceExhaustedError(
        absl::StrCat("GET ", url, ": cannot create a curl handle")));
  }
  // Declared before the loop, which must let go of them first.
  std::vector<Transfer> transfers(urls.size());
  absl::StatusOr<std::unique_ptr<IoLoop>> loop =
      IoLoop::Create(/*with_io_uring=*/false);
  if (!loop.ok()) {
    for (size_t i = 0; i < urls.size(); ++i) {
      results[i] = absl::Status(
          loop.status().code(),
          absl::StrCat("GET ", urls[i], ": ", loop.status().message()));
    }
    return results;
  }
  // Why the loop stopped early, if it did: destroying it then cancels the
  // transfers still in flight, which fail with this reason.
  absl::Status waited;
  for (size_t i = 0; i < urls.size(); ++i) {
    Transfer& transfer = transfers[i];
    CURL* curl = transfer.curl.get();
    if (curl == nullptr) continue;
    SetUpGet(curl, urls[i], timeout, transfer.error);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &CountBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer.received_bytes);
    (*loop)->StartTransfer(curl, [&, i](CURLcode result) {
      if (!waited.ok()) {
        results[i] = absl::InternalError(
            absl::StrCat("GET ", urls[i], ": ", waited.message()));
        return;
      }
      absl::StatusOr<HttpTiming> timing =
          CheckFinishedGet(transfer.curl.get(), result, urls[i], transfer.error,
                           transfer.received_bytes);
      if (timing.ok()) {
        results[i] = CountedGet{.body_bytes = transfer.received_bytes,
                                .timing = *timing};
      } else {
        results[i] = timing.status();
      }
    });
  }
  while (waited.ok() && (*loop)->pending() > 0) waited = (*loop)->Wait();
  loop->reset();
  return results;
}

}  // namespace execbench
