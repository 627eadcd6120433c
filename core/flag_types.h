// Flag value types that reject bad values while the command line is parsed,
// so that a bad value gets one clear line and exit code 2 before anything
// runs.

#ifndef EXECBENCH_CORE_FLAG_TYPES_H_
#define EXECBENCH_CORE_FLAG_TYPES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace execbench {

// An integer from 1 to INT_MAX.
struct PositiveInt {
  int value = 1;
};
bool AbslParseFlag(absl::string_view text, PositiveInt* flag,
                   std::string* error);
std::string AbslUnparseFlag(PositiveInt flag);

// An integer from 0 to INT_MAX.
struct NonNegativeInt {
  int value = 0;
};
bool AbslParseFlag(absl::string_view text, NonNegativeInt* flag,
                   std::string* error);
std::string AbslUnparseFlag(NonNegativeInt flag);

// An integer from 1 to Max, for sizes with a limit of their own (the side of
// a JPEG).
template <int Max>
struct PositiveIntUpTo {
  int value = 1;
};
bool ParseIntInRange(absl::string_view text, int minimum, int maximum,
                     int* value, std::string* error);
template <int Max>
bool AbslParseFlag(absl::string_view text, PositiveIntUpTo<Max>* flag,
                   std::string* error) {
  return ParseIntInRange(text, 1, Max, &flag->value, error);
}
template <int Max>
std::string AbslUnparseFlag(PositiveIntUpTo<Max> flag) {
  return std::to_string(flag.value);
}

// Tasks per batch: an integer from 1 to INT_MAX whose batch's bookkeeping
// (kBatchBytesPerTask a task) fits in the memory available when the command
// line is read.
struct TaskCount {
  int value = 1;
};
bool AbslParseFlag(absl::string_view text, TaskCount* flag, std::string* error);
std::string AbslUnparseFlag(TaskCount flag);

// The bytes of one task's payload (--arg_bytes, --result_bytes): an integer
// from 0 to INT_MAX that fits in the memory available when the command line
// is read.
struct PayloadBytes {
  int value = 0;
};
bool AbslParseFlag(absl::string_view text, PayloadBytes* flag,
                   std::string* error);
std::string AbslUnparseFlag(PayloadBytes flag);

// A comma-separated, non-empty list of worker counts, such as "1,2,4,8",
// each from 1 to MachineThreadLimit(): no executor can start more workers
// than the machine can hold threads.
struct WorkerCounts {
  std::vector<int> values;
};
bool AbslParseFlag(absl::string_view text, WorkerCounts* flag,
                   std::string* error);
std::string AbslUnparseFlag(const WorkerCounts& flag);

// The exit code of a run in which a benchmark failed: 0 to 255 but 2, which
// is kept for bad flags. Exit codes are 8 bits: 256 would read as 0.
struct FailureExitCode {
  int value = 1;
};
bool AbslParseFlag(absl::string_view text, FailureExitCode* flag,
                   std::string* error);
std::string AbslUnparseFlag(FailureExitCode flag);

// A plain positive decimal such as "100" or "0.5" (no sign, no exponent),
// so that it can appear as written in a benchmark name.
struct PositiveDecimal {
  double value = 1;
};
bool AbslParseFlag(absl::string_view text, PositiveDecimal* flag,
                   std::string* error);
std::string AbslUnparseFlag(PositiveDecimal flag);

// A plain decimal from 0, such as "0" or "0.02" (no sign, no exponent).
struct NonNegativeDecimal {
  double value = 0;
};
bool AbslParseFlag(absl::string_view text, NonNegativeDecimal* flag,
                   std::string* error);
std::string AbslUnparseFlag(NonNegativeDecimal flag);

// A comma-separated, non-empty list of distinct positive decimals, such as
// "0.1,0.2,0.5".
struct PositiveDecimalList {
  std::vector<double> values;
};
bool AbslParseFlag(absl::string_view text, PositiveDecimalList* flag,
                   std::string* error);
std::string AbslUnparseFlag(const PositiveDecimalList& flag);

// The shortest plain decimal that reads back as `value`: 0.1, 2, 10000.
std::string FormatDecimal(double value);

}  // namespace execbench

#endif  // EXECBENCH_CORE_FLAG_TYPES_H_
