// The catalogue of the suite's benchmarks.

#include "benchmarks/suite_benchmarks.h"

#include <regex>
#include <utility>

#include "absl/strings/str_cat.h"

namespace execbench {
namespace {

std::vector<std::string>& Names() {
  static auto* names = new std::vector<std::string>();
  return *names;
}

}  // namespace

void RegisterSuiteBenchmark(const std::string& name,
                            std::function<void(benchmark::State&)> body) {
  benchmark::RegisterBenchmark(name.c_str(), std::move(body))
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  // Google Benchmark names a manual-time benchmark's runs like this.
  Names().push_back(absl::StrCat(name, "/manual_time"));
}

std::vector<std::string> SuiteBenchmarkNames() { return Names(); }

absl::StatusOr<int> CountSelected(const std::string& filter) {
  if (filter.empty() || filter == "all") {
    return static_cast<int>(Names().size());
  }
  const bool negated = filter[0] == '-';
  std::regex pattern;
  try {
    pattern =
        std::regex(negated ? filter.substr(1) : filter, std::regex::extended);
  } catch (const std::regex_error& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("--benchmark_filter='", filter,
                     "' is not a valid regular expression: ", e.what()));
  }
  int selected = 0;
  for (const std::string& name : Names()) {
    if (std::regex_search(name, pattern) != negated) ++selected;
  }
  return selected;
}

}  // namespace execbench
