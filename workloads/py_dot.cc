// PyDot: the study's NumPy dot task itself (study_tasks.dot_task), n x n
// float64 matrices multiplied by NumPy's BLAS on the embedded interpreter.
// NumPy releases the GIL inside BLAS, which runs its own threads, as Dot's
// Eigen does. Without NumPy (Debian's python3-numpy) the workload is skipped
// with the reason.
//
// The spec names the module to import ("numpy"), so that the tests can point
// it at one that does not exist. Each process builds its own inputs in
// Prepare() (in the timed region for process pools), integers from -8 to 8
// like Dot's, so that every product is exact and the checksum, of the whole
// product's bytes, is the same whatever BLAS's threads.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "workloads/matrices/matrices.h"
#include "workloads/python/buffer_checksum.h"
#include "workloads/python/interpreter.h"
#include "workloads/python/python_workload.h"

EXECBENCH_FLAG(execbench::PositiveInt, py_dot_n, {400},
               "PyDot: rows and columns of the matrices each task multiplies");
EXECBENCH_FLAG(execbench::TaskCount, py_dot_tasks, {10},
               "PyDot: tasks per batch");

namespace execbench {
namespace {

constexpr int kInputSeed = 1;

class PyDot final : public PythonWorkload {
 public:
  PyDot(int64_t n, std::string module)
      : PythonWorkload(module, "install Debian's python3-numpy"),
        n_(n),
        module_(std::move(module)) {}

  absl::Status Prepare() override {
    if (absl::Status imported = PythonWorkload::Prepare(); !imported.ok()) {
      return imported;
    }
    Gil gil;
    absl::StatusOr<PyRef> inputs = CallStudyTask(
        "dot_inputs", Py_BuildValue("(sLi)", module_.c_str(), n_, kInputSeed));
    if (!inputs.ok()) return inputs.status();
    inputs_ = *std::move(inputs);
    return absl::OkStatus();
  }

  absl::StatusOr<uint64_t> RunTask(int) override {
    Gil gil;
    absl::StatusOr<PyRef> product = CallStudyTask(
        "dot_task", Py_BuildValue("(OO)", PyTuple_GetItem(inputs_.get(), 0),
                                  PyTuple_GetItem(inputs_.get(), 1)));
    if (!product.ok()) return product.status();
    return BufferChecksum(product->get(), "PyDot: the product");
  }

 private:
  const long long n_;
  const std::string module_;
  PyRef inputs_;  // the tuple (a, b)
};

absl::StatusOr<std::unique_ptr<Workload>> MakePyDot(const WorkloadSpec& spec) {
  absl::StatusOr<int64_t> n = spec.GetInt("n");
  if (!n.ok()) return n.status();
  absl::StatusOr<std::string> module = spec.GetString("module");
  if (!module.ok()) return module.status();
  return std::make_unique<PyDot>(*n, *std::move(module));
}

absl::StatusOr<WorkloadRun> PyDotFromFlags() {
  const int64_t n = absl::GetFlag(FLAGS_py_dot_n).value;
  // NumPy's two inputs and a task's product, as Dot's.
  if (absl::Status fits = CheckMemoryForMatrices("PyDot", n, 3); !fits.ok()) {
    return fits;
  }
  return WorkloadRun{
      .spec = {.params = {{"n", absl::StrCat(n)}, {"module", "numpy"}}},
      .tasks = absl::GetFlag(FLAGS_py_dot_tasks).value,
      .process_bytes = 2 * MatrixBytes(n),
      .running_task_bytes = MatrixBytes(n)};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "PyDot",
     .description = "the study's numpy.dot of n x n matrices on the embedded "
                    "interpreter",
     .make = MakePyDot,
     .from_flags = PyDotFromFlags,
     // The study: 10 products of 3000 x 3000 matrices.
     .seed_profile = {{"py_dot_n", "3000"}, {"py_dot_tasks", "10"}},
     .small_profile = {{"py_dot_n", "32"}, {"py_dot_tasks", "5"}}});

}  // namespace execbench
