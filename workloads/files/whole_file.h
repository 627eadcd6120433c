// Whole files written and read with plain system calls, their errors naming
// the step, the path and the reason (strerror): Io's and PyIo's texts, the
// image workloads' JPEGs.

#ifndef EXECBENCH_WORKLOADS_FILES_WHOLE_FILE_H_
#define EXECBENCH_WORKLOADS_FILES_WHOLE_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

// Writes `bytes` to a new file at `path` (mode 0600), or truncates it, as
// Python's open(path, "w") does; then fsyncs it if asked.
absl::Status WriteWholeFile(const std::string& path, absl::string_view bytes,
                            bool fsync = false);

// The contents of the file at `path`.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_FILES_WHOLE_FILE_H_
