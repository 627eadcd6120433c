// The "Test" workload: tasks whose behaviour tests choose through the spec,
// for executor tests in every process (process-pool workers rebuild it from
// the spec like any workload). Parameters, all optional:
//   fail_at=I        task I fails ...
//   failure=KIND     ... with an error status (error), SIGSEGV (segv),
//                    SIGKILL (kill), _exit(7) (exit7), SIGSTOP (stop: the
//                    process stops until killed or continued) or by never
//                    ending (hang: it waits until killed)
//   log_path=P       every task appends its index and pid to file P
//   sleep_us_step=S  task i sleeps (tasks - i) * S microseconds, so that
//                    tasks finish out of order
//   tasks=N          the batch size, for sleep_us_step
//   spin_us=U        every task uses U microseconds of CPU time
//   yield_cpu=true   every task hands its CPU to a thread it starts on the
//                    same CPU, at least one involuntary context switch of
//                    the process that runs it
// (on the EventLoop executor, the sleep is an io_uring timeout)
//   openmp=true      every task runs an OpenMP parallel reduction
//   lock=true        every task takes TestWorkloadMutex() (which a test's
//                    own threads may hold when a worker is forked)
//   prepare_fails=true  Prepare() fails
// Task i returns TestChecksum(i).

#ifndef EXECBENCH_TESTS_TEST_WORKLOAD_H_
#define EXECBENCH_TESTS_TEST_WORKLOAD_H_

#include <cstdint>

#include "absl/synchronization/mutex.h"

namespace execbench {

absl::Mutex& TestWorkloadMutex();

constexpr uint64_t TestChecksum(int index) {
  return static_cast<uint64_t>(index) * 0x9E3779B97F4A7C15u + 12345;
}

}  // namespace execbench

#endif  // EXECBENCH_TESTS_TEST_WORKLOAD_H_
