// Seeded square matrices for the Dot and Add workloads, and the checksum of a
// result matrix.
//
// Entries are integers from -8 to 8 stored as doubles. Every sum and product
// the workloads compute from them is then an integer well below 2^53, so it
// is exact, and a result is bitwise the same whatever the order of the
// additions. Real-valued entries would not be: Eigen's matrix product blocks
// the inner dimension differently with one thread and with several, which
// changes the rounding. Arithmetic on doubles is as fast for these values as
// for any other.

#ifndef EXECBENCH_WORKLOADS_MATRICES_MATRICES_H_
#define EXECBENCH_WORKLOADS_MATRICES_MATRICES_H_

#include <Eigen/Dense>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace execbench {

// The bytes of an n x n matrix of doubles.
int64_t MatrixBytes(Eigen::Index n);

// OK if `count` n x n matrices of doubles fit in the memory available
// (core/machine_limits.h), else ResourceExhaustedError naming `who`, the
// bytes needed and those available, before anything is allocated: the
// study's sizes (--profile=seed) need 9.6 GB per process for Add. Workloads
// check once, when their run is made from the flags, not in Prepare(), which
// process-pool workers run inside the timed region; what more workers need
// the batch checks (WorkloadRun::process_bytes and running_task_bytes).
absl::Status CheckMemoryForMatrices(absl::string_view who, Eigen::Index n,
                                    int count);

// An n x n matrix that depends only on `n` and `seed`.
Eigen::MatrixXd SeededMatrix(Eigen::Index n, uint64_t seed);

// A hash of a fixed sample of entries. All of `result` is treated as read, so
// the compiler cannot skip computing any of it.
uint64_t MatrixChecksum(const Eigen::MatrixXd& result);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_MATRICES_MATRICES_H_
