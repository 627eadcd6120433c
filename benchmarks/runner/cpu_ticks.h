// CpuTicks: the machine's CPU time from /proc/stat's "cpu" line (USER_HZ
// ticks, all CPUs), to tell how much of it the hypervisor stole while a
// benchmark ran: on a shared VM, stolen time slows a batch without any
// process of the benchmark being to blame.

#ifndef EXECBENCH_BENCHMARKS_RUNNER_CPU_TICKS_H_
#define EXECBENCH_BENCHMARKS_RUNNER_CPU_TICKS_H_

#include <cstdint>

namespace execbench {

struct CpuTicks {
  int64_t total = 0;  // user + nice + system + idle + iowait + irq + softirq
                      // + steal
  int64_t steal = 0;

  CpuTicks operator-(const CpuTicks& earlier) const {
    return {total - earlier.total, steal - earlier.steal};
  }
};

// The ticks so far; zeros where /proc/stat cannot be read.
CpuTicks ReadCpuTicks();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_RUNNER_CPU_TICKS_H_
