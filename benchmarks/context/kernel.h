// KernelContext(): the release of the running kernel as uname(2) gives it
// (execbench_kernel, e.g. "6.1.0-18-amd64"): a kernel update changes
// scheduling, page cache and system call costs, so results of two kernels
// are not compared as if only the code had changed.

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_KERNEL_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_KERNEL_H_

#include "benchmarks/context/probe.h"

namespace execbench {

ContextEntries KernelContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_KERNEL_H_
