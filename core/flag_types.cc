// Parsing and printing of the suite's flag value types.

#include "core/flag_types.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/batch_result.h"
#include "core/machine_limits.h"

namespace execbench {
namespace {

// Values are counts and sizes that the suite uses as int.
bool ParseAtLeast(absl::string_view text, int minimum, int* value,
                  std::string* error) {
  return ParseIntInRange(text, minimum, std::numeric_limits<int>::max(), value,
                         error);
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

bool ParseIntInRange(absl::string_view text, int minimum, int maximum,
                     int* value, std::string* error) {
  if (!absl::SimpleAtoi(text, value) || *value < minimum || *value > maximum) {
    *error = absl::StrCat("'", text, "' is not an integer from ", minimum,
                          " to ", maximum);
    return false;
  }
  return true;
}

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

bool AbslParseFlag(absl::string_view text, TaskCount* flag,
                   std::string* error) {
  int tasks;
  if (!ParseAtLeast(text, 1, &tasks, error)) return false;
  const double needed = static_cast<double>(tasks) * kBatchBytesPerTask;
  const int64_t available = AvailableMemoryBytes();
  if (available >= 0 && needed > static_cast<double>(available)) {
    *error = absl::StrFormat(
        "'%s' is more tasks than this machine can hold: a batch keeps %d "
        "bytes a task, %.1f GB, and %.1f GB is available",
        text, kBatchBytesPerTask, needed / 1e9, available / 1e9);
    return false;
  }
  flag->value = tasks;
  return true;
}

std::string AbslUnparseFlag(TaskCount flag) { return absl::StrCat(flag.value); }

bool AbslParseFlag(absl::string_view text, PayloadBytes* flag,
                   std::string* error) {
  int bytes;
  if (!ParseAtLeast(text, 0, &bytes, error)) return false;
  const int64_t available = AvailableMemoryBytes();
  if (available >= 0 && bytes > available) {
    *error = absl::StrFormat(
        "'%s' bytes do not fit in this machine's memory: %.1f GB is "
        "available",
        text, available / 1e9);
    return false;
  }
  flag->value = bytes;
  return true;
}

std::string AbslUnparseFlag(PayloadBytes flag) {
  return absl::StrCat(flag.value);
}

bool AbslParseFlag(absl::string_view text, WorkerCounts* flag,
                   std::string* error) {
  const int limit = MachineThreadLimit();
  std::vector<int> values;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    int value;
    if (!ParseIntInRange(item, 1, limit, &value, error)) {
      *error = absl::StrCat(
          "'", text,
          "' is not a comma-separated list of worker counts from 1 "
          "to ",
          limit,
          " (the threads this machine can hold: the smaller of "
          "kernel.threads-max and kernel.pid_max)");
      return false;
    }
    values.push_back(value);
  }
  flag->values = std::move(values);
  return true;
}

std::string AbslUnparseFlag(const WorkerCounts& flag) {
  return absl::StrJoin(flag.values, ",");
}

bool AbslParseFlag(absl::string_view text, FailureExitCode* flag,
                   std::string* error) {
  int code;
  if (!ParseIntInRange(text, 0, 255, &code, error) || code == 2) {
    *error = absl::StrCat("'", text,
                          "' is not an exit code from 0 to 255 other than 2 (2 "
                          "means a bad flag)");
    return false;
  }
  flag->value = code;
  return true;
}

std::string AbslUnparseFlag(FailureExitCode flag) {
  return absl::StrCat(flag.value);
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
