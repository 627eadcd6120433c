// Text form and typed parameter access of WorkloadSpec.

#include "core/workload_spec.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace execbench {

std::string WorkloadSpec::Serialize() const {
  std::string text = name;
  for (const auto& [key, value] : params) {
    absl::StrAppend(&text, "\n", key, "=", value);
  }
  return text;
}

absl::StatusOr<WorkloadSpec> WorkloadSpec::Parse(absl::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  WorkloadSpec spec;
  spec.name = std::string(lines[0]);
  if (spec.name.empty()) {
    return absl::InvalidArgumentError("workload spec has no name");
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(lines[i], absl::MaxSplits('=', 1));
    if (kv.first.empty() || kv.first.size() == lines[i].size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("workload spec '", spec.name, "': bad parameter line '",
                       lines[i], "' (expected key=value)"));
    }
    spec.params[std::string(kv.first)] = std::string(kv.second);
  }
  return spec;
}

absl::StatusOr<std::string> WorkloadSpec::GetString(
    absl::string_view key) const {
  auto it = params.find(std::string(key));
  if (it == params.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("workload ", name, ": missing parameter '", key, "'"));
  }
  return it->second;
}

namespace {

template <typename T, typename ParseFn>
absl::StatusOr<T> GetParsed(const WorkloadSpec& spec, absl::string_view key,
                            absl::string_view type, ParseFn parse) {
  absl::StatusOr<std::string> text = spec.GetString(key);
  if (!text.ok()) return text.status();
  T value;
  if (!parse(*text, &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("workload ", spec.name, ": parameter '", key, "' is '",
                     *text, "', not ", type));
  }
  return value;
}

}  // namespace

absl::StatusOr<int64_t> WorkloadSpec::GetInt(absl::string_view key) const {
  return GetParsed<int64_t>(
      *this, key, "an integer",
      [](absl::string_view s, int64_t* v) { return absl::SimpleAtoi(s, v); });
}

absl::StatusOr<double> WorkloadSpec::GetDouble(absl::string_view key) const {
  return GetParsed<double>(
      *this, key, "a number",
      [](absl::string_view s, double* v) { return absl::SimpleAtod(s, v); });
}

absl::StatusOr<bool> WorkloadSpec::GetBool(absl::string_view key) const {
  return GetParsed<bool>(
      *this, key, "true or false",
      [](absl::string_view s, bool* v) { return absl::SimpleAtob(s, v); });
}

}  // namespace execbench
