// The spelling of benchmark names.

#include "benchmarks/families/benchmark_name.h"

#include "absl/strings/str_cat.h"

namespace execbench {

std::string BenchmarkName(const BenchmarkId& id) {
  std::string name =
      absl::StrCat(id.workload, "/", id.executor, "/workers:", id.workers);
  for (const auto& [key, value] : id.params) {
    absl::StrAppend(&name, "/", key, ":", value);
  }
  return name;
}

std::string ReportedName(const BenchmarkId& id) {
  return absl::StrCat(BenchmarkName(id), "/manual_time");
}

}  // namespace execbench
