// MeasureInstrumentNsPerTask(): what the suite's own instrument (TaskRunner:
// its clock reads and span bookkeeping) adds to each task, measured when
// bench starts, as Google Benchmark measures its own loop's overhead. It is
// recorded in the context (execbench_instrument_ns_per_task) so that a reader
// can tell a per-task figure from the cost of measuring it.

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_INSTRUMENT_CALIBRATION_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_INSTRUMENT_CALIBRATION_H_

#include "benchmarks/context/probe.h"

namespace execbench {

// Nanoseconds per empty task: the best of a few trials of (a loop of empty
// tasks through TaskRunner) minus (the same loop calling the tasks bare),
// over the number of tasks. About 20 ms.
double MeasureInstrumentNsPerTask();

// The measure as the run context's probe.
ContextEntries InstrumentContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_INSTRUMENT_CALIBRATION_H_
