// DefaultWorkerCounts(): the worker counts of bench's grid when --workers is
// not given, following the machine: every power of two up to the first one
// above the core count, and the core count itself where it is not a power of
// two. So the grid sees each executor at one worker, at every doubling, with
// every core busy, and one step past the cores, where waiting work (I/O, a
// server's answers) still gains and computing work has stopped gaining:
//
//   1 core: 1,2   2 cores: 1,2,4   6 cores: 1,2,4,6,8
//   16 cores: 1,2,4,8,16,32   64 cores: 1,2,...,64,128

#ifndef EXECBENCH_BENCHMARKS_CLI_DEFAULT_WORKER_COUNTS_H_
#define EXECBENCH_BENCHMARKS_CLI_DEFAULT_WORKER_COUNTS_H_

#include <vector>

namespace execbench {

// In increasing order; `cores` below 1 counts as 1.
std::vector<int> DefaultWorkerCounts(int cores);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CLI_DEFAULT_WORKER_COUNTS_H_
