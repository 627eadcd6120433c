// The catalogue of the suite's benchmarks.

#include "benchmarks/families/catalogue.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace execbench {
namespace {

std::vector<std::string>& Names() {
  static auto* names = new std::vector<std::string>();
  return *names;
}

// Reported name -> why its executor cannot run here.
std::vector<std::pair<std::string, std::string>>& Unavailable() {
  static auto* unavailable =
      new std::vector<std::pair<std::string, std::string>>();
  return *unavailable;
}

// Google Benchmark's reading of a filter.
class Filter {
 public:
  static absl::StatusOr<Filter> Compile(const std::string& filter) {
    Filter compiled;
    if (filter.empty() || filter == "all") return compiled;
    compiled.negated_ = filter[0] == '-';
    try {
      compiled.pattern_ = std::regex(
          compiled.negated_ ? filter.substr(1) : filter, std::regex::extended);
    } catch (const std::regex_error& e) {
      return absl::InvalidArgumentError(
          absl::StrCat("--benchmark_filter='", filter,
                       "' is not a valid regular expression: ", e.what()));
    }
    return compiled;
  }

  bool Selects(const std::string& name) const {
    if (!pattern_.has_value()) return true;
    return std::regex_search(name, *pattern_) != negated_;
  }

 private:
  std::optional<std::regex> pattern_;
  bool negated_ = false;
};

}  // namespace

void RegisterSuiteBenchmark(const std::string& name,
                            std::function<void(benchmark::State&)> body,
                            const absl::Status& available) {
  // Google Benchmark names a manual-time benchmark's runs like this.
  const std::string reported = absl::StrCat(name, "/manual_time");
  if (!available.ok()) {
    Unavailable().emplace_back(reported, std::string(available.message()));
    return;
  }
  benchmark::RegisterBenchmark(name.c_str(), std::move(body))
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  Names().push_back(reported);
}

absl::Status CheckFilterSelectsAny(const std::string& filter) {
  absl::StatusOr<Filter> compiled = Filter::Compile(filter);
  if (!compiled.ok()) return compiled.status();
  if (std::any_of(Names().begin(), Names().end(), [&](const std::string& name) {
        return compiled->Selects(name);
      })) {
    return absl::OkStatus();
  }
  std::set<std::string> reasons;
  for (const auto& [name, reason] : Unavailable()) {
    if (compiled->Selects(name)) reasons.insert(reason);
  }
  if (!reasons.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(reasons, "; "));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--benchmark_filter='", filter,
      "' selects no benchmark (names look like Cpu/Threads/workers:2, "
      "case matters; bench --benchmark_list_tests lists them)"));
}

int SelectedBenchmarkCount(const std::string& filter) {
  absl::StatusOr<Filter> compiled = Filter::Compile(filter);
  if (!compiled.ok()) return 0;
  return static_cast<int>(std::count_if(
      Names().begin(), Names().end(),
      [&](const std::string& name) { return compiled->Selects(name); }));
}

}  // namespace execbench
