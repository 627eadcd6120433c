// Add: each task adds two n x n matrices of doubles element by element, the
// study's NumPy "add" experiment. Memory-bandwidth bound: three streams of
// 8 n^2 bytes per task and almost no arithmetic.
//
// Each task allocates its result, as a + b does in NumPy. Above 32 MiB
// (n > 2048) glibc's malloc always maps fresh pages for it, so the kernel's
// page faults and zeroing are part of a task, as they were in the study's
// 3.2 GB results; below, malloc soon reuses freed memory and a task measures
// only the additions. Inputs are built once per process.

#include <Eigen/Dense>
#include <cstdint>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "workloads/matrices/matrices.h"

EXECBENCH_FLAG(execbench::PositiveInt, add_n, {2500},
               "Add: rows and columns of the matrices each task adds");
EXECBENCH_FLAG(execbench::TaskCount, add_tasks, {10}, "Add: tasks per batch");

namespace execbench {
namespace {

constexpr uint64_t kLeftSeed = 3;
constexpr uint64_t kRightSeed = 4;

class Add final : public Workload {
 public:
  explicit Add(int64_t n) : n_(n) {}

  // Builds the inputs once per process: inside the timed region for process
  // pools, whose workers each build their own as Python's unpickle theirs.
  absl::Status Prepare() override {
    left_ = SeededMatrix(n_, kLeftSeed);
    right_ = SeededMatrix(n_, kRightSeed);
    return absl::OkStatus();
  }

  absl::StatusOr<uint64_t> RunTask(int) override {
    const Eigen::MatrixXd sum = left_ + right_;
    return MatrixChecksum(sum);
  }

 private:
  const int64_t n_;
  Eigen::MatrixXd left_;
  Eigen::MatrixXd right_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeAdd(const WorkloadSpec& spec) {
  absl::StatusOr<int64_t> n = spec.GetInt("n");
  if (!n.ok()) return n.status();
  return std::make_unique<Add>(*n);
}

absl::StatusOr<WorkloadRun> AddFromFlags() {
  const int64_t n = absl::GetFlag(FLAGS_add_n).value;
  // Two inputs and a task's sum.
  if (absl::Status fits = CheckMemoryForMatrices("Add", n, 3); !fits.ok()) {
    return fits;
  }
  return WorkloadRun{.spec = {.params = {{"n", absl::StrCat(n)}}},
                     .tasks = absl::GetFlag(FLAGS_add_tasks).value,
                     .process_bytes = 2 * MatrixBytes(n),
                     .running_task_bytes = MatrixBytes(n)};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Add",
     .description = "element-wise sum of two n x n matrices "
                    "(memory-bandwidth bound; the study's NumPy add)",
     .make = MakeAdd,
     .from_flags = AddFromFlags,
     // The study: 20 sums of 20000 x 20000 matrices.
     .seed_profile = {{"add_n", "20000"}, {"add_tasks", "20"}},
     .small_profile = {{"add_n", "64"}, {"add_tasks", "5"}}});

}  // namespace execbench
