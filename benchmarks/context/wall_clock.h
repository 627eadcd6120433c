// WallClockContext(): the clock every batch is timed with
// (execbench_wall_clock): the time-stamp counter at its measured rate, or
// clock_gettime() where the kernel does not keep time with the TSC (see
// executors/clock.h).

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_WALL_CLOCK_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_WALL_CLOCK_H_

#include "benchmarks/context/probe.h"

namespace execbench {

ContextEntries WallClockContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_WALL_CLOCK_H_
