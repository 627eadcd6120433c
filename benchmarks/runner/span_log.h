// SpanLog: the spans of the last batch of every benchmark run, kept for the
// spans file (--spans_out) and the trace file (--trace_out).

#ifndef EXECBENCH_BENCHMARKS_RUNNER_SPAN_LOG_H_
#define EXECBENCH_BENCHMARKS_RUNNER_SPAN_LOG_H_

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "core/batch_result.h"

namespace execbench {

struct LoggedBatch {
  std::string name;  // the benchmark's full name
  std::string workload;
  std::string executor;
  int workers = 0;
  int tasks = 0;  // in the batch; spans may hold fewer
  int64_t wall_ns = 0;
  int64_t startup_ns = 0;
  int64_t shutdown_ns = 0;
  std::vector<TaskSpan> spans;     // the first min(tasks, cap) tasks
  std::vector<std::string> hosts;  // BatchResult::worker_hosts
  bool capped() const { return static_cast<int>(spans.size()) < tasks; }
};

class SpanLog {
 public:
  explicit SpanLog(int cap) : cap_(cap) {}

  // Keeps `batch` as the last batch of benchmark `entry.name`, replacing an
  // earlier one; `entry` holds the names, `batch` the times.
  void Record(LoggedBatch entry, const BatchResult& batch);

  // The last batch of each benchmark, in the order they first ran.
  std::vector<LoggedBatch> Batches() const;

 private:
  const int cap_;
  mutable absl::Mutex mutex_;
  std::vector<LoggedBatch> batches_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_RUNNER_SPAN_LOG_H_
