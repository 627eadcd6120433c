// Accumulation of the suite's custom counters.

#include "benchmarks/runner/batch_counters.h"

#include <algorithm>

namespace execbench {
namespace {

double Seconds(int64_t ns) { return static_cast<double>(ns) * 1e-9; }

}  // namespace

void BatchCounters::Add(const BatchResult& batch, const CpuTicks& machine) {
  ++batches_;
  tasks_ += static_cast<int64_t>(batch.spans.size());
  workers_ = batch.workers;
  wall_ns_ += batch.wall_ns;
  startup_ns_ += batch.startup_ns;
  shutdown_ns_ += batch.shutdown_ns;
  cpu_ns_ += batch.cpu_ns;
  involuntary_switches_ += batch.involuntary_switches;
  payload_bytes_ += batch.payload_bytes;
  move_ns_ += batch.move_ns;
  machine_.total += machine.total;
  machine_.steal += machine.steal;
  for (const TaskSpan& span : batch.spans) {
    const int64_t length = span.stop_ns - span.start_ns;
    task_ns_sum_ += length;
    task_ns_max_ = std::max(task_ns_max_, length);
  }
}

std::map<std::string, double> BatchCounters::Counters() const {
  if (batches_ == 0 || wall_ns_ <= 0) return {};
  const double wall_s = Seconds(wall_ns_);
  const double concurrency = Seconds(task_ns_sum_) / wall_s;
  std::map<std::string, double> counters = {
      {"tasks", static_cast<double>(tasks_) / batches_},
      {"workers", workers_},
      {"tasks_per_s", tasks_ / wall_s},
      {"startup_s", Seconds(startup_ns_) / batches_},
      {"shutdown_s", Seconds(shutdown_ns_) / batches_},
      {"task_s_mean", tasks_ > 0 ? Seconds(task_ns_sum_) / tasks_ : 0.0},
      {"task_s_max", Seconds(task_ns_max_)},
      {"concurrency", concurrency},
      {"utilization", concurrency / workers_},
      {"cpu_per_wall", Seconds(cpu_ns_) / wall_s},
      {"involuntary_switches",
       static_cast<double>(involuntary_switches_) / batches_},
      {"steal_share", machine_.total > 0
                          ? static_cast<double>(machine_.steal) / machine_.total
                          : 0.0},
  };
  if (payload_bytes_ > 0) {
    counters["bytes_moved"] = static_cast<double>(payload_bytes_) / batches_;
    counters["move_s"] = Seconds(move_ns_) / batches_;
  }
  return counters;
}

}  // namespace execbench
