// The two JSON pieces the suite's own output files need: quoted strings and
// numbers.

#ifndef EXECBENCH_BENCHMARKS_OUTPUT_JSON_H_
#define EXECBENCH_BENCHMARKS_OUTPUT_JSON_H_

#include <string>

#include "absl/strings/string_view.h"

namespace execbench {

// `text` as a quoted, escaped JSON string.
std::string JsonString(absl::string_view text);

// `value` with enough digits to read it back exactly.
std::string JsonNumber(double value);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_OUTPUT_JSON_H_
