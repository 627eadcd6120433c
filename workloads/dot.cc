// Dot: each task multiplies two n x n matrices of doubles with Eigen, the
// study's NumPy "dot" experiment. Eigen splits each product over its own
// OpenMP threads, as NumPy's BLAS did, so running several products at once
// can oversubscribe the cores; --eigen_threads limits that.
//
// Eigen's OpenMP is safe in process-pool workers: they are forked from the
// fork server, which never starts a thread (see executors/fork_server.h).

#include <Eigen/Dense>
#include <cstdint>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "workloads/matrices/matrices.h"

EXECBENCH_FLAG(execbench::PositiveInt, dot_n, {800},
               "Dot: rows and columns of the matrices each task multiplies");
EXECBENCH_FLAG(execbench::TaskCount, dot_tasks, {10}, "Dot: tasks per batch");
EXECBENCH_FLAG(execbench::NonNegativeInt, eigen_threads, {0},
               "Dot: OpenMP threads of each Eigen matrix product; 0: Eigen's "
               "default, one per core");

namespace execbench {
namespace {

constexpr uint64_t kLeftSeed = 1;
constexpr uint64_t kRightSeed = 2;

class Dot final : public Workload {
 public:
  Dot(int64_t n, int eigen_threads) : n_(n), eigen_threads_(eigen_threads) {}

  // Builds the inputs once per process: inside the timed region for process
  // pools, whose workers each build their own as Python's unpickle theirs.
  absl::Status Prepare() override {
    Eigen::setNbThreads(eigen_threads_);
    left_ = SeededMatrix(n_, kLeftSeed);
    right_ = SeededMatrix(n_, kRightSeed);
    return absl::OkStatus();
  }

  // Every task computes the same product into a new matrix, as a @ b does in
  // NumPy.
  absl::StatusOr<uint64_t> RunTask(int) override {
    const Eigen::MatrixXd product = left_ * right_;
    return MatrixChecksum(product);
  }

 private:
  const int64_t n_;
  const int eigen_threads_;
  Eigen::MatrixXd left_;
  Eigen::MatrixXd right_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeDot(const WorkloadSpec& spec) {
  absl::StatusOr<int64_t> n = spec.GetInt("n");
  if (!n.ok()) return n.status();
  absl::StatusOr<int64_t> eigen_threads = spec.GetInt("eigen_threads");
  if (!eigen_threads.ok()) return eigen_threads.status();
  return std::make_unique<Dot>(*n, static_cast<int>(*eigen_threads));
}

absl::StatusOr<WorkloadRun> DotFromFlags() {
  const int64_t n = absl::GetFlag(FLAGS_dot_n).value;
  // Two inputs and a task's product.
  if (absl::Status fits = CheckMemoryForMatrices("Dot", n, 3); !fits.ok()) {
    return fits;
  }
  const int eigen_threads = absl::GetFlag(FLAGS_eigen_threads).value;
  // What Eigen will use: the flag, or for 0 its default.
  Eigen::setNbThreads(eigen_threads);
  return WorkloadRun{
      .spec = {.params = {{"n", absl::StrCat(n)},
                          {"eigen_threads", absl::StrCat(eigen_threads)}}},
      .tasks = absl::GetFlag(FLAGS_dot_tasks).value,
      .counters = {{"eigen_threads", Eigen::nbThreads()}},
      .process_bytes = 2 * MatrixBytes(n),
      .running_task_bytes = MatrixBytes(n)};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Dot",
     .description = "n x n matrix product with Eigen, multithreaded by "
                    "Eigen's OpenMP (the study's NumPy dot)",
     .make = MakeDot,
     .from_flags = DotFromFlags,
     // The study: 10 products of 3000 x 3000 matrices.
     .seed_profile = {{"dot_n", "3000"}, {"dot_tasks", "10"}},
     .small_profile = {{"dot_n", "32"}, {"dot_tasks", "5"}}});

}  // namespace execbench
