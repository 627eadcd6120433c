// What running one batch returns: every task's span and checksum, in task
// order, and the pool's start-up and shutdown times.

#ifndef EXECBENCH_CORE_BATCH_RESULT_H_
#define EXECBENCH_CORE_BATCH_RESULT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace execbench {

// One task's run. Times are nanoseconds since the batch started, on the
// system-wide CLOCK_MONOTONIC that every process shares.
struct TaskSpan {
  int64_t start_ns = 0;
  int64_t stop_ns = 0;
  int worker = 0;  // 0 .. workers-1
  // CPU time of the thread that ran the task, or kUnknownCpu where it was
  // not read (see executors/task_runner.h).
  int64_t cpu_ns = 0;
};

inline constexpr int64_t kUnknownCpu = -1;

// An upper bound on the memory per task that running a batch takes in this
// process: the result's span and checksum (40 bytes), a worker's list of the
// tasks it ran (48 bytes, up to twice that while a list grows), a process
// pool's shared slot (40 bytes, 72 with messages) and the previous batch's
// result that the batch loop keeps (40 bytes).
inline constexpr int kBatchBytesPerTask = 256;

// A task that ran, as a worker keeps it in a list of its own until the
// results are put in task order (or sends it, for an Mpi worker rank).
struct RanTask {
  int32_t index = 0;
  TaskSpan span;
  uint64_t checksum = 0;
};

struct BatchResult {
  int workers = 0;
  int64_t wall_ns = 0;      // batch start to the end of pool shutdown
  int64_t startup_ns = 0;   // batch start until the last worker was ready
  int64_t shutdown_ns = 0;  // last task's stop to the end of the batch
  // CPU time of every process involved during the batch: the calling process
  // (all its threads) and any worker processes.
  int64_t cpu_ns = 0;
  // Involuntary context switches of the same processes during the batch.
  int64_t involuntary_switches = 0;
  std::vector<TaskSpan> spans;      // index = task
  std::vector<uint64_t> checksums;  // index = task
  // The host of each worker (index = worker) when workers run on hosts of
  // their own (Mpi); empty when every worker runs on this one.
  std::vector<std::string> worker_hosts;
  // With payloads (core/payload_sizes.h), 0 otherwise: the bytes of the
  // arguments and results that travelled between the calling process and
  // the tasks, and the time spent making, copying and checking them, summed
  // over the processes and threads that did.
  int64_t payload_bytes = 0;
  int64_t move_ns = 0;
};

}  // namespace execbench

#endif  // EXECBENCH_CORE_BATCH_RESULT_H_
