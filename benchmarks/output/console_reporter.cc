// bench's console lines.

#include "benchmarks/output/console_reporter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace execbench {
namespace {

constexpr int kNameWidth = 40;
constexpr char kDebugWarning[] = "Library was built as DEBUG";
constexpr char kFlagPrefix[] = "execbench_flag_";

// `value` with 3 significant figures at most and no exponent.
std::string Significant(double value) {
  const double magnitude = std::fabs(value);
  if (magnitude >= 100) return absl::StrFormat("%.0f", value);
  if (magnitude >= 10) return absl::StrFormat("%.1f", value);
  return absl::StrFormat("%.2f", value);
}

std::string Seconds(double seconds) {
  if (!std::isfinite(seconds)) return "-";
  if (seconds == 0) return "0 s";  // Serial's start-up: nothing to wait for
  if (std::fabs(seconds) >= 1) return Significant(seconds) + " s";
  if (std::fabs(seconds) >= 1e-3) return Significant(seconds * 1e3) + " ms";
  if (std::fabs(seconds) >= 1e-6) return Significant(seconds * 1e6) + " us";
  return Significant(seconds * 1e9) + " ns";
}

// "4.40-4.46 us", or "980 us-1.20 ms" when the ends need different units.
std::string Range(double low_seconds, double high_seconds) {
  const std::string low = Seconds(low_seconds);
  const std::string high = Seconds(high_seconds);
  const size_t unit = low.find(' ');
  if (unit != std::string::npos &&
      absl::EndsWith(high, absl::string_view(low).substr(unit))) {
    return absl::StrCat(low.substr(0, unit), "-", high);
  }
  return absl::StrCat(low, "-", high);
}

std::string Rate(double per_second) {
  if (!std::isfinite(per_second)) return "-";
  if (per_second >= 1e6) return Significant(per_second / 1e6) + " M/s";
  if (per_second >= 1e3) return Significant(per_second / 1e3) + " k/s";
  return Significant(per_second) + " /s";
}

std::string Percent(double share) {
  if (!std::isfinite(share)) return "-";
  return Significant(share * 100) + "%";
}

// The run's wall time per iteration in seconds.
double WallSeconds(const benchmark::BenchmarkReporter::Run& run) {
  return run.GetAdjustedRealTime() /
         benchmark::GetTimeUnitMultiplier(run.time_unit);
}

double Median(std::vector<double> values) {
  if (values.empty()) return NAN;
  std::sort(values.begin(), values.end());
  const size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle]
                           : (values[middle - 1] + values[middle]) / 2;
}

// The name as the suite spells it: without Google Benchmark's suffix.
std::string SuiteName(const benchmark::BenchmarkReporter::Run& run) {
  return std::string(absl::StripSuffix(run.run_name.str(), "/manual_time"));
}

// The counters the lines show, each the median over `runs`, appended.
void AppendCounters(const std::vector<benchmark::BenchmarkReporter::Run>& runs,
                    std::string* line) {
  auto counter = [&runs](const char* key) {
    std::vector<double> values;
    for (const auto& run : runs) {
      auto it = run.counters.find(key);
      if (it != run.counters.end()) values.push_back(it->second.value);
    }
    return Median(values);
  };
  if (double rate = counter("tasks_per_s"); std::isfinite(rate)) {
    absl::StrAppend(line, "  tasks ", Rate(rate), "  start-up ",
                    Seconds(counter("startup_s")), "  cpu/wall ",
                    Significant(counter("cpu_per_wall")), "  util ",
                    Percent(counter("utilization")));
  }
  if (double ratio = counter("delay_ratio"); std::isfinite(ratio)) {
    absl::StrAppend(line, "  delay ratio ", Significant(ratio));
  }
  if (double steal = counter("steal_share"); steal >= 0.01) {
    absl::StrAppend(line, "  steal ", Percent(steal));
  }
}

}  // namespace

std::string ConsoleReporter::FormatRun(const Run& run) {
  std::string name = run.benchmark_name();
  std::string line = absl::StrFormat("%-*s", kNameWidth, name);
  if (run.error_occurred) return absl::StrCat(line, " ", run.error_message);
  if (run.run_type == Run::RT_Aggregate) {
    if (run.aggregate_unit == benchmark::kPercentage) {
      return absl::StrCat(line, " ", Percent(run.real_accumulated_time));
    }
    return absl::StrCat(line, " wall ", Seconds(WallSeconds(run)));
  }
  absl::StrAppend(&line, " wall ", Seconds(WallSeconds(run)));
  AppendCounters({run}, &line);
  return line;
}

std::string ConsoleReporter::FormatBenchmark(const std::vector<Run>& runs) {
  std::string line = absl::StrFormat("%-*s", kNameWidth, SuiteName(runs[0]));
  std::vector<Run> measured;
  for (const Run& run : runs) {
    if (run.error_occurred) {
      return absl::StrCat(line, " error: ", run.error_message);
    }
    const bool median =
        run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
    if (run.run_type == Run::RT_Iteration || median) measured.push_back(run);
  }
  if (measured.empty()) return line;
  std::vector<double> walls;
  for (const Run& run : measured) walls.push_back(WallSeconds(run));
  const bool repeated =
      walls.size() > 1 || measured[0].run_type == Run::RT_Aggregate;
  absl::StrAppend(&line, repeated ? " median " : " wall ",
                  Seconds(Median(walls)));
  if (measured[0].run_type == Run::RT_Aggregate) {
    absl::StrAppend(&line, " (", measured[0].repetitions, " reps)");
  } else if (walls.size() > 1) {
    const auto [low, high] = std::minmax_element(walls.begin(), walls.end());
    absl::StrAppend(&line, " (", walls.size(), " reps, ", Range(*low, *high),
                    ")");
  }
  AppendCounters(measured, &line);
  return line;
}

bool ConsoleReporter::ReportContext(const Context& context) {
  std::ostringstream header;
  PrintBasicContext(&header, context);
  std::istringstream lines(header.str());
  for (std::string line; std::getline(lines, line);) {
    // Every flag's value is in the JSON's context; execbench_flags_changed,
    // shown, names those that differ from their defaults.
    if (absl::StartsWith(line, kFlagPrefix)) continue;
    GetErrorStream() << line << '\n';
    if (absl::StrContains(line, kDebugWarning)) {
      GetErrorStream() << kDebugLibraryNote << '\n';
    }
  }
  GetErrorStream()
      << "wall: one batch, from starting the workers to their shutdown "
         "(median over repetitions, and their range); tasks: tasks per "
         "second; cpu/wall: CPU seconds of every process per wall second; "
         "util: tasks running per worker. Google Benchmark's CPU column (the "
         "benchmark thread's CPU only) is in the JSON, not here.\n";
  return true;
}

void ConsoleReporter::ReportRuns(const std::vector<Run>& runs) {
  if (runs.empty()) return;
  if (options_.every_repetition) {
    for (const Run& run : runs) GetOutputStream() << FormatRun(run) << '\n';
  } else if (SuiteName(runs[0]) != last_name_) {
    // A benchmark's repetitions come at once, then its aggregates, which
    // the repetitions' line already sums up.
    last_name_ = SuiteName(runs[0]);
    ++reported_;
    const int width =
        options_.benchmarks > 0
            ? static_cast<int>(std::to_string(options_.benchmarks).size())
            : 1;
    std::string progress = absl::StrFormat("[%*d", width, reported_);
    if (options_.benchmarks > 0) {
      absl::StrAppend(&progress, "/", options_.benchmarks);
    }
    GetOutputStream() << progress << "] " << FormatBenchmark(runs) << '\n';
  }
  GetOutputStream().flush();
}

}  // namespace execbench
