// PyCpu: the study's CPU heavy task itself, pure Python `count += i` for i in
// range(n) (study_tasks.cpu_task), on the embedded interpreter. Threads share
// the process's interpreter and take its GIL per task, so that, as in Python,
// they cannot run this loop at once; each process-pool worker has its own
// interpreter. The checksum is the task's count mixed with its index.

#include <cstdint>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "workloads/hashing/stable_hash.h"
#include "workloads/python/interpreter.h"
#include "workloads/python/python_workload.h"

EXECBENCH_FLAG(execbench::PositiveInt, py_cpu_iterations, {500'000},
               "PyCpu: n of each task's Python loop (about 20 ms here)");
EXECBENCH_FLAG(execbench::TaskCount, py_cpu_tasks, {10},
               "PyCpu: tasks per batch");

namespace execbench {
namespace {

class PyCpu final : public PythonWorkload {
 public:
  explicit PyCpu(int64_t iterations) : iterations_(iterations) {}

  absl::StatusOr<uint64_t> RunTask(int index) override {
    Gil gil;
    absl::StatusOr<PyRef> count =
        CallStudyTask("cpu_task", Py_BuildValue("(L)", iterations_));
    if (!count.ok()) return count.status();
    const uint64_t value = PyLong_AsUnsignedLongLongMask(count->get());
    if (PyErr_Occurred() != nullptr) return PythonErrorStatus("PyCpu");
    return StableHash(value, static_cast<uint64_t>(index));
  }

 private:
  const long long iterations_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakePyCpu(const WorkloadSpec& spec) {
  absl::StatusOr<int64_t> iterations = spec.GetInt("iterations");
  if (!iterations.ok()) return iterations.status();
  return std::make_unique<PyCpu>(*iterations);
}

absl::StatusOr<WorkloadRun> PyCpuFromFlags() {
  return WorkloadRun{
      .spec = {.params = {{"iterations",
                           absl::StrCat(
                               absl::GetFlag(FLAGS_py_cpu_iterations).value)}}},
      .tasks = absl::GetFlag(FLAGS_py_cpu_tasks).value};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "PyCpu",
     .description = "the study's pure Python count += i loop on the embedded "
                    "interpreter (the GIL)",
     .make = MakePyCpu,
     .from_flags = PyCpuFromFlags,
     // The study: 10 tasks of n = 10^7.
     .seed_profile = {{"py_cpu_iterations", "10000000"},
                      {"py_cpu_tasks", "10"}},
     .small_profile = {{"py_cpu_iterations", "1000"}, {"py_cpu_tasks", "5"}}});

}  // namespace execbench
