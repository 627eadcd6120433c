// Parsing and printing of the suite's flag value types.

#include "core/flag_types.h"

#include <algorithm>
#include <charconv>
#include <cmath>
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

// Digits with at most one '.': what a benchmark name can carry as written;
// above 0, or from 0 when zero_allowed.
bool ParseDecimal(absl::string_view text, bool zero_allowed, double* value,
                  std::string* error) {
  const bool plain =
      !text.empty() && text.front() != '.' && text.back() != '.' &&
      std::count(text.begin(), text.end(), '.') <= 1 &&
      std::all_of(text.begin(), text.end(),
                  [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
  if (!plain || !absl::SimpleAtod(text, value) || !std::isfinite(*value) ||
      (*value == 0 && !zero_allowed)) {
    *error = zero_allowed
                 ? absl::StrCat("'", text,
                                "' is not a decimal from 0 such as 0 or 0.02")
                 : absl::StrCat("'", text,
                                "' is not a positive decimal such as 0.5 or "
                                "100");
    return false;
  }
  return true;
}

bool ParsePositiveDecimal(absl::string_view text, double* value,
                          std::string* error) {
  return ParseDecimal(text, /*zero_allowed=*/false, value, error);
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

bool AbslParseFlag(absl::string_view text, PositiveDecimal* flag,
                   std::string* error) {
  return ParsePositiveDecimal(text, &flag->value, error);
}

std::string AbslUnparseFlag(PositiveDecimal flag) {
  return FormatDecimal(flag.value);
}

bool AbslParseFlag(absl::string_view text, NonNegativeDecimal* flag,
                   std::string* error) {
  return ParseDecimal(text, /*zero_allowed=*/true, &flag->value, error);
}

std::string AbslUnparseFlag(NonNegativeDecimal flag) {
  return FormatDecimal(flag.value);
}

bool AbslParseFlag(absl::string_view text, PositiveDecimalList* flag,
                   std::string* error) {
  std::vector<double> values;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    double value;
    if (!ParsePositiveDecimal(item, &value, error)) {
      *error = absl::StrCat("'", text,
                            "' is not a comma-separated list of positive "
                            "decimals such as 0.5,1,2");
      return false;
    }
    if (std::find(values.begin(), values.end(), value) != values.end()) {
      *error = absl::StrCat("'", text, "' has ", item, " twice");
      return false;
    }
    values.push_back(value);
  }
  flag->values = std::move(values);
  return true;
}

std::string AbslUnparseFlag(const PositiveDecimalList& flag) {
  return absl::StrJoin(flag.values, ",", [](std::string* out, double value) {
    out->append(FormatDecimal(value));
  });
}

std::string FormatDecimal(double value) {
  char buffer[400];  // enough for any double in fixed notation
  const std::to_chars_result written = std::to_chars(
      buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  return std::string(buffer, written.ptr);
}

}  // namespace execbench
