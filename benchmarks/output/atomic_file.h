// WriteFileAtomically(): an output file is written whole or not at all.

#ifndef EXECBENCH_BENCHMARKS_OUTPUT_ATOMIC_FILE_H_
#define EXECBENCH_BENCHMARKS_OUTPUT_ATOMIC_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace execbench {

// Writes `contents` to a temporary file beside `path`, flushes it to disk and
// renames it to `path`. On failure `path` is untouched and no temporary file
// is left.
absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view contents);

// WriteFileAtomically() for a file an output flag names; nothing when the
// flag was not given (`path` is "").
absl::Status WriteOutputFile(const std::string& path,
                             absl::string_view contents);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_OUTPUT_ATOMIC_FILE_H_
