// ChecksumReference: the checksums of the first batch of each workload spec
// run in this process, against which every later batch (on any executor) is
// checked task by task, so that an executor that skips, repeats or mixes up
// tasks fails its benchmark. A task's checksum depends only on the spec and
// its index, so batches of different sizes are compared on the tasks they
// share (the granularity sweep runs one spec at several batch sizes); the
// longest batch seen becomes the reference.

#ifndef EXECBENCH_BENCHMARKS_RUNNER_CHECKSUM_REFERENCE_H_
#define EXECBENCH_BENCHMARKS_RUNNER_CHECKSUM_REFERENCE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/workload_spec.h"

namespace execbench {

class ChecksumReference {
 public:
  // Checks `checksums`, produced by benchmark `source`, against those
  // recorded for `spec`, on the tasks both hold; records them if they are
  // the first, or hold more tasks.
  absl::Status Check(const WorkloadSpec& spec, const std::string& source,
                     const std::vector<uint64_t>& checksums);

 private:
  struct Reference {
    std::string source;
    std::vector<uint64_t> checksums;
  };
  absl::Mutex mutex_;
  std::map<std::string, Reference> references_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_RUNNER_CHECKSUM_REFERENCE_H_
