// MeasureParallelCeiling(): the speedup this machine gives right now to one
// busy thread per core over one busy thread. On a dedicated machine it is
// the core count; on a shared VM (steal, noisy neighbours, throttling) it is
// less, and no executor can beat it. Measured at the start and the end of a
// run and recorded in the context (execbench_parallel_ceiling_start,
// execbench_parallel_ceiling_end), so that a reader can tell a slow executor
// from a crowded machine. Under valgrind it is not measured (the value says
// so).

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_PARALLEL_CEILING_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_PARALLEL_CEILING_H_

#include "benchmarks/context/probe.h"

namespace execbench {

// The median of a few trials of (cores x one thread's time) / (the time of
// `cores` threads running the same loop each), about 0.3 s in all.
double MeasureParallelCeiling(int cores);

// The ceiling at this machine's core count, which the JSON context records
// as num_cpus (the scripts read it), as the probes of the start and the end.
ContextEntries ParallelCeilingAtStart();
ContextEntries ParallelCeilingAtEnd();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_PARALLEL_CEILING_H_
