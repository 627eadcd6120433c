// CheckWorkerCount(): the error every pooled executor gives for fewer than one
// worker.

#ifndef EXECBENCH_EXECUTORS_WORKER_COUNT_H_
#define EXECBENCH_EXECUTORS_WORKER_COUNT_H_

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace execbench {

inline absl::Status CheckWorkerCount(absl::string_view executor, int workers) {
  if (workers >= 1) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(executor, " needs at least 1 worker, not ", workers));
}

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_WORKER_COUNT_H_
