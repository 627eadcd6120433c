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

}  // namespace execbench

#endif  // EXECBENCH_CORE_FLAG_TYPES_H_
