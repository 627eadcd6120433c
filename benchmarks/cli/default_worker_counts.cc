// The default worker counts: powers of two past the cores, and the cores.

#include "benchmarks/cli/default_worker_counts.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace execbench {

std::vector<int> DefaultWorkerCounts(int cores) {
  cores = std::max(cores, 1);
  std::vector<int> counts;
  for (int64_t power = 1; power <= std::numeric_limits<int>::max();
       power *= 2) {
    if (power / 2 < cores && cores < power) counts.push_back(cores);
    counts.push_back(static_cast<int>(power));
    if (power > cores) break;
  }
  return counts;
}

}  // namespace execbench
