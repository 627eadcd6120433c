// HttpGet() on a libcurl easy handle.

#include "workloads/http/http_get.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace execbench {
namespace {

// curl's receive buffer. Its default, 16 KiB, takes a 256 KiB body in 16
// reads or more, each a pass through an event loop's wait and
// curl_multi_socket_action(); with 256 KiB a read takes whatever the socket
// holds. Measured with Api/EventLoop/workers:64 (256 tasks, 2 cores): the
// median batch fell from 283 ms to 263-273 ms; 64 KiB left the loop thread
// busier than 256 KiB did.
constexpr long kReceiveBufferBytes = 256 * 1024;

// Content-Length up to which the body is allocated at once rather than grown.
constexpr curl_off_t kMaxPreallocatedBytes = curl_off_t{1} << 30;

size_t AppendToBody(char* data, size_t size, size_t count, void* download) {
  BodyDownload& to = *static_cast<BodyDownload*>(download);
  if (to.body.empty()) {
    curl_off_t content_length = -1;
    curl_easy_getinfo(to.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
                      &content_length);
    to.body.reserve(
        std::clamp<curl_off_t>(content_length, 0, kMaxPreallocatedBytes));
  }
  to.body.append(data, size * count);
  to.checksum.Append(absl::string_view(data, size * count));
  return size * count;
}

}  // namespace

void DownloadBody(BodyDownload& download) {
  curl_easy_setopt(download.curl, CURLOPT_WRITEFUNCTION, &AppendToBody);
  curl_easy_setopt(download.curl, CURLOPT_WRITEDATA, &download);
}

void SetUpGet(CURL* curl, const std::string& url, absl::Duration timeout,
              char* error) {
  const long timeout_ms = absl::ToInt64Milliseconds(timeout);
  error[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
}

absl::StatusOr<HttpTiming> CheckFinishedGet(CURL* curl, CURLcode result,
                                            const std::string& url,
                                            const char* error,
                                            size_t received_bytes) {
  if (result != CURLE_OK) {
    std::string message =
        absl::StrCat("GET ", url, ": ",
                     error[0] != '\0' ? error : curl_easy_strerror(result));
    return result == CURLE_OPERATION_TIMEDOUT
               ? absl::DeadlineExceededError(message)
               : absl::UnavailableError(message);
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    return absl::UnavailableError(
        absl::StrCat("GET ", url, ": HTTP status ", status));
  }
  curl_off_t content_length = -1;  // -1: the response did not say
  curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &content_length);
  if (content_length >= 0 &&
      static_cast<curl_off_t>(received_bytes) != content_length) {
    return absl::DataLossError(absl::StrCat("GET ", url, ": received ",
                                            received_bytes, " bytes of ",
                                            content_length));
  }
  curl_off_t request_sent_us = 0;
  curl_off_t first_byte_us = 0;
  curl_off_t total_us = 0;
  curl_easy_getinfo(curl, CURLINFO_PRETRANSFER_TIME_T, &request_sent_us);
  curl_easy_getinfo(curl, CURLINFO_STARTTRANSFER_TIME_T, &first_byte_us);
  curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &total_us);
  return HttpTiming{
      .first_byte = absl::Microseconds(first_byte_us),
      .total = absl::Microseconds(total_us),
      .server_wait = absl::Microseconds(first_byte_us - request_sent_us)};
}

absl::StatusOr<HttpResponse> HttpGet(const std::string& url,
                                     absl::Duration timeout) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                           &curl_easy_cleanup);
  if (curl == nullptr) {
    return absl::ResourceExhaustedError(
        absl::StrCat("GET ", url, ": cannot create a curl handle"));
  }
  char error[CURL_ERROR_SIZE];
  SetUpGet(curl.get(), url, timeout, error);
  BodyDownload download{.curl = curl.get()};
  DownloadBody(download);
  const CURLcode result = curl_easy_perform(curl.get());
  absl::StatusOr<HttpTiming> timing =
      CheckFinishedGet(curl.get(), result, url, error, download.body.size());
  if (!timing.ok()) return timing.status();
  return HttpResponse{.body = std::move(download.body),
                      .body_checksum = download.checksum.Value(),
                      .timing = *timing};
}

void StartHttpGet(AsyncIo& io, std::string url, absl::Duration timeout,
                  absl::AnyInvocable<void(absl::StatusOr<HttpResponse>)> done) {
  // What the GET needs until curl finishes it; the callback owns it.
  struct PendingGet {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl{
        curl_easy_init(), &curl_easy_cleanup};
    std::string url;
    char error[CURL_ERROR_SIZE];
    BodyDownload download;
  };
  auto get = std::make_unique<PendingGet>();
  get->url = std::move(url);
  if (get->curl == nullptr) {
    done(absl::ResourceExhaustedError(
        absl::StrCat("GET ", get->url, ": cannot create a curl handle")));
    return;
  }
  CURL* curl = get->curl.get();
  SetUpGet(curl, get->url, timeout, get->error);
  get->download.curl = curl;
  DownloadBody(get->download);
  io.StartTransfer(curl, [get = std::move(get),
                          done = std::move(done)](CURLcode result) mutable {
    absl::StatusOr<HttpTiming> timing =
        CheckFinishedGet(get->curl.get(), result, get->url, get->error,
                         get->download.body.size());
    if (!timing.ok()) {
      done(timing.status());
    } else {
      done(HttpResponse{.body = std::move(get->download.body),
                        .body_checksum = get->download.checksum.Value(),
                        .timing = *timing});
    }
  });
}

}  // namespace execbench
