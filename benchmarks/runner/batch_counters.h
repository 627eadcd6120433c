// BatchCounters: the suite's custom counters, accumulated over the batches of
// one benchmark run. Every formula is documented in docs/instrument.md.

#ifndef EXECBENCH_BENCHMARKS_RUNNER_BATCH_COUNTERS_H_
#define EXECBENCH_BENCHMARKS_RUNNER_BATCH_COUNTERS_H_

#include <cstdint>
#include <map>
#include <string>

#include "benchmarks/runner/cpu_ticks.h"
#include "core/batch_result.h"

namespace execbench {

class BatchCounters {
 public:
  // Adds a batch, and the machine's CPU ticks that passed during it.
  void Add(const BatchResult& batch, const CpuTicks& machine);

  // Counter name -> value over every batch added:
  //   tasks        tasks per batch
  //   workers      W
  //   tasks_per_s  sum(tasks) / sum(wall)
  //   startup_s    mean(startup)
  //   shutdown_s   mean(shutdown)
  //   task_s_mean  mean over all tasks of (stop - start)
  //   task_s_max   max over all tasks of (stop - start)
  //   concurrency  sum over all tasks of (stop - start) / sum(wall)
  //   utilization  concurrency / W
  //   cpu_per_wall sum(CPU of every process involved) / sum(wall)
  //   involuntary_switches  mean over batches of the involuntary context
  //                switches of every process involved
  //   steal_share  sum(stolen ticks) / sum(all ticks) of the machine
  //                during the batches (0 where /proc/stat says nothing)
  // and with payloads (core/payload_sizes.h) only:
  //   bytes_moved  mean over batches of the argument and result bytes that
  //                travelled between the calling process and the tasks
  //   move_s       mean over batches of the time spent making, copying and
  //                checking them, summed over the processes and threads
  std::map<std::string, double> Counters() const;

 private:
  int64_t batches_ = 0;
  int64_t tasks_ = 0;
  int workers_ = 0;
  int64_t wall_ns_ = 0;
  int64_t startup_ns_ = 0;
  int64_t shutdown_ns_ = 0;
  int64_t cpu_ns_ = 0;
  int64_t task_ns_sum_ = 0;
  int64_t task_ns_max_ = 0;
  int64_t involuntary_switches_ = 0;
  int64_t payload_bytes_ = 0;
  int64_t move_ns_ = 0;
  CpuTicks machine_;
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_RUNNER_BATCH_COUNTERS_H_
