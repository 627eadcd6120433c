// WorkloadSpec: a workload's name and parameters as plain text, so that any
// process (the benchmark's own, or a process-pool worker) can rebuild the same
// workload from it.

#ifndef EXECBENCH_CORE_WORKLOAD_SPEC_H_
#define EXECBENCH_CORE_WORKLOAD_SPEC_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

struct WorkloadSpec {
  std::string name;
  // Parameter name -> value. Neither may contain '\n'; names no '='.
  std::map<std::string, std::string> params;

  // "name\nkey=value\n..." with keys in sorted order; Parse() inverts it.
  std::string Serialize() const;
  static absl::StatusOr<WorkloadSpec> Parse(absl::string_view text);

  // Typed access to one parameter; an error names the workload and parameter.
  absl::StatusOr<std::string> GetString(absl::string_view key) const;
  absl::StatusOr<int64_t> GetInt(absl::string_view key) const;
  absl::StatusOr<double> GetDouble(absl::string_view key) const;
  absl::StatusOr<bool> GetBool(absl::string_view key) const;

  friend bool operator==(const WorkloadSpec&, const WorkloadSpec&) = default;
};

}  // namespace execbench

#endif  // EXECBENCH_CORE_WORKLOAD_SPEC_H_
