// MeasureParallelCeiling(): the speedup this machine gives right now to one
// busy thread per core over one busy thread. On a dedicated machine it is
// the core count; on a shared VM (steal, noisy neighbours, throttling) it is
// less, and no executor can beat it. Measured at the start and the end of a
// run and recorded in the context, so that a reader can tell a slow executor
// from a crowded machine.

#ifndef EXECBENCH_BENCHMARKS_PARALLEL_CEILING_H_
#define EXECBENCH_BENCHMARKS_PARALLEL_CEILING_H_

namespace execbench {

// The median of a few trials of (cores x one thread's time) / (the time of
// `cores` threads running the same loop each), about 0.3 s in all.
double MeasureParallelCeiling(int cores);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_PARALLEL_CEILING_H_
