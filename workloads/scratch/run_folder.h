// RunFolder(): a workload's private scratch folder for the whole run, in the
// folder --io_dir names ($TMPDIR or /tmp by default).
//
// Process-pool workers rebuild a workload from its spec, so the folder must
// exist before any batch and be named in the spec; one folder per workload for
// the whole run keeps mkdtemp and the removal out of the timed batches. It is
// a ScratchDir: removed at exit and on SIGINT, SIGTERM or SIGHUP.

#ifndef EXECBENCH_WORKLOADS_SCRATCH_RUN_FOLDER_H_
#define EXECBENCH_WORKLOADS_SCRATCH_RUN_FOLDER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

// The folder of `workload` in the current --io_dir: made on the first call
// for that pair, the same path on later ones.
absl::StatusOr<std::string> RunFolder(absl::string_view workload);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_SCRATCH_RUN_FOLDER_H_
