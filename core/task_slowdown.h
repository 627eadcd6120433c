// --task_slowdown, a way for tests and calibration to make every task slower
// by a known share: after each task, its thread spins for that share of the
// task's own measured duration (0.02: every task 2% longer), so that a
// comparison of a build with itself, the one side slowed, shows what a known
// regression looks like (scripts/ab --new-flag=--task_slowdown=0.02).
//
// The slowdown travels in the workload's spec (AddTaskSlowdown), and
// MakeWorkload wraps every workload whose spec carries it (WithTaskSlowdown),
// so that process-pool workers and MPI ranks, which rebuild the workload
// from its spec, are slowed alike; executors know nothing of it. The
// asynchronous form of a workload (EventLoop's tasks) is not slowed: its
// tasks overlap on one thread, where no spin adds a known share.

#ifndef EXECBENCH_CORE_TASK_SLOWDOWN_H_
#define EXECBENCH_CORE_TASK_SLOWDOWN_H_

#include <memory>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "core/flag_types.h"
#include "core/workload.h"
#include "core/workload_spec.h"

ABSL_DECLARE_FLAG(execbench::NonNegativeDecimal, task_slowdown);

namespace execbench {

// The spec parameter that carries the slowdown, a share such as "0.02".
inline constexpr char kTaskSlowdownParameter[] = "task_slowdown";

// Adds --task_slowdown to the spec, unless it is 0.
void AddTaskSlowdown(WorkloadSpec& spec);

// The workload, wrapped so that every task is slowed when `spec` carries a
// slowdown; an error when its value is not a number.
absl::StatusOr<std::unique_ptr<Workload>> WithTaskSlowdown(
    const WorkloadSpec& spec, std::unique_ptr<Workload> workload);

}  // namespace execbench

#endif  // EXECBENCH_CORE_TASK_SLOWDOWN_H_
