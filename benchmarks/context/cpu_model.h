// CpuModelContext(): the CPU's model name as /proc/cpuinfo gives it
// (execbench_cpu_model; "unknown" where it gives none), which tells machines
// apart where Google Benchmark's context gives only core counts and caches.

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_CPU_MODEL_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_CPU_MODEL_H_

#include "benchmarks/context/probe.h"

namespace execbench {

ContextEntries CpuModelContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_CPU_MODEL_H_
