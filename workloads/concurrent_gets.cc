// GetConcurrently(): every transfer added to one curl multi handle, driven by
// curl_multi_perform() and curl_multi_poll() until all have finished.

#include "workloads/concurrent_gets.h"

#include <curl/curl.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace execbench {
namespace {

struct Transfer {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl{curl_easy_init(),
                                                           &curl_easy_cleanup};
  char error[CURL_ERROR_SIZE];
  size_t received_bytes = 0;
  bool finished = false;
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
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(
      curl_multi_init(), &curl_multi_cleanup);
  if (multi == nullptr) return results;
  std::vector<Transfer> transfers(urls.size());
  for (size_t i = 0; i < urls.size(); ++i) {
    CURL* curl = transfers[i].curl.get();
    if (curl == nullptr) continue;
    SetUpGet(curl, urls[i], timeout, transfers[i].error);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &CountBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfers[i].received_bytes);
    curl_easy_setopt(curl, CURLOPT_PRIVATE, &transfers[i]);
    curl_multi_add_handle(multi.get(), curl);
  }

  CURLMcode code = CURLM_OK;
  for (int running = 1; code == CURLM_OK && running > 0;) {
    code = curl_multi_perform(multi.get(), &running);
    int queued;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* transfer;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
      transfer->finished = true;
      const size_t i = transfer - transfers.data();
      absl::StatusOr<HttpTiming> timing =
          CheckFinishedGet(message->easy_handle, message->data.result, urls[i],
                           transfer->error, transfer->received_bytes);
      if (timing.ok()) {
        results[i] = CountedGet{.body_bytes = transfer->received_bytes,
                                .timing = *timing};
      } else {
        results[i] = timing.status();
      }
    }
    if (code == CURLM_OK && running > 0) {
      code = curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
    }
  }
  for (size_t i = 0; i < transfers.size(); ++i) {
    if (transfers[i].curl == nullptr) continue;
    curl_multi_remove_handle(multi.get(), transfers[i].curl.get());
    if (!transfers[i].finished) {
      results[i] = absl::InternalError(
          absl::StrCat("GET ", urls[i], ": ", curl_multi_strerror(code)));
    }
  }
  return results;
}

}  // namespace execbench
