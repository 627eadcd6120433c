// CheckMemoryForMatrices(), SeededMatrix() and MatrixChecksum().

#include "workloads/matrices/matrices.h"

#include <algorithm>
#include <bit>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "workloads/hashing/stable_hash.h"

namespace execbench {
namespace {

// Entries hashed by MatrixChecksum(): enough to catch a wrong result, few
// enough to cost nothing beside a task.
constexpr Eigen::Index kChecksumSamples = 4096;

// MemAvailable from /proc/meminfo in bytes, or -1 if it cannot be read.
int64_t AvailableMemoryBytes() {
  FILE* meminfo = std::fopen("/proc/meminfo", "re");
  if (meminfo == nullptr) return -1;
  char line[256];
  long long kib = -1;
  while (std::fgets(line, sizeof(line), meminfo) != nullptr) {
    if (std::sscanf(line, "MemAvailable: %lld kB", &kib) == 1) break;
  }
  std::fclose(meminfo);
  return kib < 0 ? -1 : kib * 1024;
}

}  // namespace

absl::Status CheckMemoryForMatrices(absl::string_view who, Eigen::Index n,
                                    int count) {
  const double needed = static_cast<double>(count) * n * n * sizeof(double);
  const int64_t available = AvailableMemoryBytes();
  if (available < 0 || needed <= static_cast<double>(available)) {
    return absl::OkStatus();
  }
  return absl::ResourceExhaustedError(absl::StrFormat(
      "%s: %d matrices of %d x %d doubles need %.1f GB in this process, and "
      "only %.1f GB is available; use a smaller n",
      who, count, n, n, needed / 1e9, available / 1e9));
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
