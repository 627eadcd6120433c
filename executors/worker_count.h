// CheckWorkerCount(): the error every pooled executor gives for fewer than one
// worker; CheckWorkerThreads(): that, or the error of a pool whose threads
// this process cannot start now, for the runtimes that end the process when a
// thread cannot start (libgomp) or fail without telling (oneTBB).

#ifndef EXECBENCH_EXECUTORS_WORKER_COUNT_H_
#define EXECBENCH_EXECUTORS_WORKER_COUNT_H_

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "core/machine_limits.h"

namespace execbench {

inline absl::Status CheckWorkerCount(absl::string_view executor, int workers) {
  if (workers >= 1) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(executor, " needs at least 1 worker, not ", workers));
}

// For a pool of the calling thread and `workers` - 1 threads.
inline absl::Status CheckWorkerThreads(absl::string_view executor,
                                       int workers) {
  if (absl::Status count = CheckWorkerCount(executor, workers); !count.ok()) {
    return count;
  }
  return CheckThreadsCanStart(
      absl::StrCat(executor, " with ", workers, " workers"), workers - 1);
}

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_WORKER_COUNT_H_
