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

// A comma-separated, non-empty list of integers >= 1, such as "1,2,4,8".
struct PositiveIntList {
  std::vector<int> values;
};
bool AbslParseFlag(absl::string_view text, PositiveIntList* flag,
                   std::string* error);
std::string AbslUnparseFlag(const PositiveIntList& flag);

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
