// The Api workload: each task is one HTTP GET whose whole body it reads, like
// downloading a file from an API. Latency-bound: a task mostly waits.

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/async_workload.h"
#include "core/flag_types.h"
#include "core/workload.h"
#include "workloads/hashing/stable_hash.h"
#include "workloads/http/api_loopback_server.h"
#include "workloads/http/http_get.h"

ABSL_FLAG(execbench::PositiveInt, api_tasks, {16}, "Api: HTTP GETs per batch");
ABSL_FLAG(std::string, api_url, "",
          "Api: URL that tasks GET instead of the loopback server's; "
          "'{task}' in it is replaced by the task's index");
ABSL_FLAG(execbench::PositiveInt, api_timeout_ms, {10000},
          "Api: time limit of each GET, connecting included");

namespace execbench {
namespace {

constexpr char kTaskPlaceholder[] = "{task}";

// The body's 8-byte words (the last one zero-padded) and its length, mixed.
uint64_t BodyChecksum(absl::string_view body) {
  uint64_t checksum = StableHash(0, body.size());
  for (size_t i = 0; i < body.size(); i += sizeof(uint64_t)) {
    uint64_t word = 0;
    std::memcpy(&word, body.data() + i,
                std::min(sizeof(uint64_t), body.size() - i));
    checksum = StableHash(checksum, word);
  }
  return checksum;
}

// Its asynchronous form starts the same GET on the event loop's curl multi
// handle.
class Api final : public Workload, public AsyncWorkload {
 public:
  Api(std::string url_template, absl::Duration timeout)
      : url_template_(std::move(url_template)), timeout_(timeout) {}

  ~Api() override {
    if (curl_initialized_) curl_global_cleanup();
  }

  absl::Status Prepare() override {
    if (CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
        code != CURLE_OK) {
      return absl::InternalError(
          absl::StrCat("Api: curl_global_init: ", curl_easy_strerror(code)));
    }
    curl_initialized_ = true;
    return absl::OkStatus();
  }

  absl::StatusOr<uint64_t> RunTask(int index) override {
    absl::StatusOr<HttpResponse> response = HttpGet(Url(index), timeout_);
    if (!response.ok()) return response.status();
    return BodyChecksum(response->body);
  }

  AsyncWorkload* async() override { return this; }

  void StartTask(int index, AsyncIo& io, AsyncTaskDone done) override {
    StartHttpGet(io, Url(index), timeout_,
                 [done = std::move(done)](
                     absl::StatusOr<HttpResponse> response) mutable {
                   if (!response.ok()) {
                     done(response.status());
                   } else {
                     done(BodyChecksum(response->body));
                   }
                 });
  }

 private:
  std::string Url(int index) const {
    return absl::StrReplaceAll(url_template_,
                               {{kTaskPlaceholder, absl::StrCat(index)}});
  }

  const std::string url_template_;
  const absl::Duration timeout_;
  bool curl_initialized_ = false;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeApi(const WorkloadSpec& spec) {
  absl::StatusOr<std::string> url = spec.GetString("url");
  if (!url.ok()) return url.status();
  absl::StatusOr<int64_t> timeout_ms = spec.GetInt("timeout_ms");
  if (!timeout_ms.ok()) return timeout_ms.status();
  if (*timeout_ms <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("Api: timeout_ms is ", *timeout_ms, ", not positive"));
  }
  return std::make_unique<Api>(*std::move(url),
                               absl::Milliseconds(*timeout_ms));
}

absl::StatusOr<WorkloadRun> ApiFromFlags() {
  WorkloadRun run{.tasks = absl::GetFlag(FLAGS_api_tasks).value};
  std::string url = absl::GetFlag(FLAGS_api_url);
  if (url.empty()) {
    absl::StatusOr<DelayedHttpServer*> server = ApiLoopbackServer();
    if (!server.ok()) return server.status();
    url = absl::StrCat((*server)->base_url(), "/task/", kTaskPlaceholder);
    run.counters = {
        {"server_delay_s", absl::ToDoubleSeconds((*server)->options().delay)},
        {"body_bytes", static_cast<double>((*server)->options().body_bytes)}};
  }
  run.spec.params = {
      {"url", url},
      {"timeout_ms", absl::StrCat(absl::GetFlag(FLAGS_api_timeout_ms).value)}};
  return run;
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Api",
     .description = "one HTTP GET per task, reading the whole body; "
                    "latency-bound like a download",
     .make = MakeApi,
     .from_flags = ApiFromFlags,
     // The study's tasks each downloaded one large PDF. A 5 MiB body behind
     // a 400 ms delay has its shape: 5 MiB takes about 0.4 s at 100 Mbit/s,
     // and the task mostly waits.
     .seed_profile = {{"api_tasks", "16"},
                      {"api_delay_ms", "400"},
                      {"api_body_bytes", "5242880"}},
     .small_profile = {{"api_tasks", "6"},
                       {"api_delay_ms", "2"},
                       {"api_body_bytes", "4096"}},
     .asynchronous = true});

}  // namespace execbench
