// The Api workload: each task is one HTTP GET whose whole body it reads, like
// downloading a file from an API. Latency-bound: a task mostly waits.

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/async_workload.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "workloads/http/api_target.h"
#include "workloads/http/http_get.h"

EXECBENCH_FLAG(execbench::TaskCount, api_tasks, {16},
               "Api: HTTP GETs per batch");

namespace execbench {
namespace {

// Its asynchronous form starts the same GET on the event loop's curl multi
// handle.
class Api final : public Workload, public AsyncWorkload {
 public:
  explicit Api(ApiTarget target) : target_(std::move(target)) {}

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
    absl::StatusOr<HttpResponse> response =
        HttpGet(target_.TaskUrl(index), target_.timeout());
    if (!response.ok()) return response.status();
    return response->body_checksum;
  }

  AsyncWorkload* async() override { return this; }

  void StartTask(int index, AsyncIo& io, AsyncTaskDone done) override {
    StartHttpGet(io, target_.TaskUrl(index), target_.timeout(),
                 [done = std::move(done)](
                     absl::StatusOr<HttpResponse> response) mutable {
                   if (!response.ok()) {
                     done(response.status());
                   } else {
                     done(response->body_checksum);
                   }
                 });
  }

 private:
  const ApiTarget target_;
  bool curl_initialized_ = false;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeApi(const WorkloadSpec& spec) {
  absl::StatusOr<ApiTarget> target = ApiTarget::FromSpec(spec, "Api");
  if (!target.ok()) return target.status();
  return std::make_unique<Api>(*std::move(target));
}

absl::StatusOr<WorkloadRun> ApiFromFlags() {
  absl::StatusOr<ApiTargetRun> target = ApiTargetFromFlags();
  if (!target.ok()) return target.status();
  return WorkloadRun{.spec = {.params = std::move(target->params)},
                     .tasks = absl::GetFlag(FLAGS_api_tasks).value,
                     .counters = std::move(target->counters),
                     .running_task_bytes = target->running_task_bytes};
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
