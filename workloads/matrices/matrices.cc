// MatrixBytes(), CheckMemoryForMatrices(), SeededMatrix() and
// MatrixChecksum().

#include "workloads/matrices/matrices.h"

#include <algorithm>
#include <bit>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "core/machine_limits.h"
#include "workloads/hashing/stable_hash.h"

namespace execbench {
namespace {

// Entries hashed by MatrixChecksum(): enough to catch a wrong result, few
// enough to cost nothing beside a task.
constexpr Eigen::Index kChecksumSamples = 4096;

}  // namespace

int64_t MatrixBytes(Eigen::Index n) {
  return int64_t{n} * n * static_cast<int64_t>(sizeof(double));
}

absl::Status CheckMemoryForMatrices(absl::string_view who, Eigen::Index n,
                                    int count) {
  absl::Status fits = CheckMemory(
      who,
      absl::StrFormat("%d matrices of %d x %d doubles in this process", count,
                      n, n),
      static_cast<double>(count) * n * n * sizeof(double));
  if (fits.ok()) return fits;
  return absl::Status(fits.code(),
                      absl::StrCat(fits.message(), "; use a smaller n"));
}

Eigen::MatrixXd SeededMatrix(Eigen::Index n, uint64_t seed) {
  // Each entry is a hash of its position, so no state runs through the fill.
  return Eigen::MatrixXd::NullaryExpr(
      n, n, [n, seed](Eigen::Index row, Eigen::Index column) {
        const uint64_t bits = StableHash(seed, column * n + row);
        return static_cast<double>(static_cast<int>((bits >> 32) * 17 >> 32) -
                                   8);
      });
}

uint64_t MatrixChecksum(const Eigen::MatrixXd& result) {
  benchmark::DoNotOptimize(result.data());
  const Eigen::Index size = result.size();
  const Eigen::Index stride =
      std::max<Eigen::Index>(1, size / kChecksumSamples);
  uint64_t checksum = static_cast<uint64_t>(size);
  for (Eigen::Index i = 0; i < size; i += stride) {
    checksum = StableHash(checksum, std::bit_cast<uint64_t>(result.data()[i]));
  }
  return StableHash(checksum, std::bit_cast<uint64_t>(result.data()[size - 1]));
}

}  // namespace execbench
