// PyApi: the study's API call itself (study_tasks.api_task): one GET with
// Python's urllib.request, reading the whole body, on the embedded
// interpreter, against what Api GETs (the loopback server, or --api_url).
// urllib releases the GIL while it waits on its socket, so threads overlap
// their waiting as Python's do. The checksum is the body's, as Api's is.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "workloads/http/api_target.h"
#include "workloads/python/buffer_checksum.h"
#include "workloads/python/interpreter.h"
#include "workloads/python/python_workload.h"

EXECBENCH_FLAG(execbench::TaskCount, py_api_tasks, {16},
               "PyApi: HTTP GETs per batch");

namespace execbench {
namespace {

class PyApi final : public PythonWorkload {
 public:
  explicit PyApi(ApiTarget target) : target_(std::move(target)) {}

  absl::StatusOr<uint64_t> RunTask(int index) override {
    const std::string url = target_.TaskUrl(index);
    Gil gil;
    absl::StatusOr<PyRef> body = CallStudyTask(
        "api_task", Py_BuildValue("(sd)", url.c_str(),
                                  absl::ToDoubleSeconds(target_.timeout())));
    if (!body.ok()) return body.status();
    return BufferChecksum(body->get(), "PyApi: the body");
  }

 private:
  const ApiTarget target_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakePyApi(const WorkloadSpec& spec) {
  absl::StatusOr<ApiTarget> target = ApiTarget::FromSpec(spec, "PyApi");
  if (!target.ok()) return target.status();
  return std::make_unique<PyApi>(*std::move(target));
}

absl::StatusOr<WorkloadRun> PyApiFromFlags() {
  absl::StatusOr<ApiTargetRun> target = ApiTargetFromFlags();
  if (!target.ok()) return target.status();
  return WorkloadRun{.spec = {.params = std::move(target->params)},
                     .tasks = absl::GetFlag(FLAGS_py_api_tasks).value,
                     .counters = std::move(target->counters),
                     .running_task_bytes = target->running_task_bytes};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "PyApi",
     .description = "the study's Python urllib GET, reading the whole body, "
                    "on the embedded interpreter",
     .make = MakePyApi,
     .from_flags = PyApiFromFlags,
     // As Api's (see api.cc): the study's 16 downloads of a large PDF.
     .seed_profile = {{"py_api_tasks", "16"},
                      {"api_delay_ms", "400"},
                      {"api_body_bytes", "5242880"}},
     .small_profile = {{"py_api_tasks", "6"},
                       {"api_delay_ms", "2"},
                       {"api_body_bytes", "4096"}}});

}  // namespace execbench
