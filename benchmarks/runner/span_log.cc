// Keeping the last batch of each benchmark.

#include "benchmarks/runner/span_log.h"

#include <algorithm>

namespace execbench {

void SpanLog::Record(LoggedBatch entry, const BatchResult& batch) {
  entry.tasks = static_cast<int>(batch.spans.size());
  entry.wall_ns = batch.wall_ns;
  entry.startup_ns = batch.startup_ns;
  entry.shutdown_ns = batch.shutdown_ns;
  entry.hosts = batch.worker_hosts;
  const size_t kept = std::min<size_t>(batch.spans.size(), cap_);
  entry.spans.assign(batch.spans.begin(), batch.spans.begin() + kept);
  absl::MutexLock lock(&mutex_);
  for (LoggedBatch& existing : batches_) {
    if (existing.name == entry.name) {
      existing = std::move(entry);
      return;
    }
  }
  batches_.push_back(std::move(entry));
}

std::vector<LoggedBatch> SpanLog::Batches() const {
  absl::MutexLock lock(&mutex_);
  return batches_;
}

}  // namespace execbench
