// Parsing and printing of the suite's flag value types.

#include "core/flag_types.h"

#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace execbench {
namespace {

// Values are counts and sizes that the suite uses as int.
bool ParseAtLeast(absl::string_view text, int minimum, int* value,
                  std::string* error) {
  if (!absl::SimpleAtoi(text, value) || *value < minimum) {
    *error = absl::StrCat("'", text, "' is not an integer from ", minimum,
                          " to ", std::numeric_limits<int>::max());
    return false;
  }
  return true;
}

}  // namespace

bool AbslParseFlag(absl::string_view text, PositiveInt* flag,
                   std::string* error) {
  return ParseAtLeast(text, 1, &flag->value, error);
}

std::string AbslUnparseFlag(PositiveInt flag) {
  return absl::StrCat(flag.value);
}

bool AbslParseFlag(absl::string_view text, NonNegativeInt* flag,
                   std::string* error) {
  return ParseAtLeast(text, 0, &flag->value, error);
}

std::string AbslUnparseFlag(NonNegativeInt flag) {
  return absl::StrCat(flag.value);
}

bool AbslParseFlag(absl::string_view text, PositiveIntList* flag,
                   std::string* error) {
  std::vector<int> values;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    int value;
    if (!ParseAtLeast(item, 1, &value, error)) {
      *error = absl::StrCat("'", text,
                            "' is not a comma-separated list of integers >= 1");
      return false;
    }
    values.push_back(value);
  }
  flag->values = std::move(values);
  return true;
}

std::string AbslUnparseFlag(const PositiveIntList& flag) {
  return absl::StrJoin(flag.values, ",");
}

}  // namespace execbench
