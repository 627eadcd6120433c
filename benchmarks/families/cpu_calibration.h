// Calibration of the Cpu workload's loop, so that a task of a chosen length
// in microseconds can be asked for as a number of iterations: the
// granularity sweep's tasks are Cpu tasks calibrated this way.

#ifndef EXECBENCH_BENCHMARKS_FAMILIES_CPU_CALIBRATION_H_
#define EXECBENCH_BENCHMARKS_FAMILIES_CPU_CALIBRATION_H_

#include <cstdint>

#include "absl/status/statusor.h"

namespace execbench {

// Nanoseconds per iteration of the Cpu workload's loop on this thread: the
// median over a few tries of one task of a few milliseconds, run through
// the workload itself. Takes a few tens of milliseconds.
absl::StatusOr<double> MeasureCpuNsPerIteration();

// The iterations of a Cpu task of `task_us` microseconds: at least 1.
int64_t CpuIterationsFor(double task_us, double ns_per_iteration);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_FAMILIES_CPU_CALIBRATION_H_
