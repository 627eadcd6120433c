// bench's console lines.

#include "benchmarks/output/console_reporter.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace execbench {
namespace {

constexpr int kNameWidth = 40;

// `value` with 3 significant figures at most and no exponent.
std::string Significant(double value) {
  const double magnitude = std::fabs(value);
  if (magnitude >= 100) return absl::StrFormat("%.0f", value);
  if (magnitude >= 10) return absl::StrFormat("%.1f", value);
  return absl::StrFormat("%.2f", value);
}

std::string Seconds(double seconds) {
  if (!std::isfinite(seconds)) return "-";
  if (std::fabs(seconds) >= 1) return Significant(seconds) + " s";
  if (std::fabs(seconds) >= 1e-3) return Significant(seconds * 1e3) + " ms";
  if (std::fabs(seconds) >= 1e-6) return Significant(seconds * 1e6) + " us";
  return Significant(seconds * 1e9) + " ns";
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
  auto counter = [&run](const char* key) {
    auto it = run.counters.find(key);
    return it == run.counters.end() ? NAN : it->second.value;
  };
  if (double rate = counter("tasks_per_s"); std::isfinite(rate)) {
    absl::StrAppend(&line, "  tasks ", Rate(rate), "  start-up ",
                    Seconds(counter("startup_s")), "  cpu/wall ",
                    Significant(counter("cpu_per_wall")), "  util ",
                    Percent(counter("utilization")));
  }
  if (double ratio = counter("delay_ratio"); std::isfinite(ratio)) {
    absl::StrAppend(&line, "  delay ratio ", Significant(ratio));
  }
  if (double steal = counter("steal_share"); steal >= 0.01) {
    absl::StrAppend(&line, "  steal ", Percent(steal));
  }
  return line;
}

bool ConsoleReporter::ReportContext(const Context& context) {
  PrintBasicContext(&GetErrorStream(), context);
  GetErrorStream()
      << "wall: one batch, from starting the workers to their shutdown "
         "(aggregates: over repetitions); tasks: tasks per second; "
         "cpu/wall: CPU seconds of every process per wall second; util: "
         "tasks running per worker. Google Benchmark's CPU column (the "
         "benchmark thread's CPU only) is in the JSON, not here.\n";
  return true;
}

void ConsoleReporter::ReportRuns(const std::vector<Run>& runs) {
  for (const Run& run : runs) {
    GetOutputStream() << FormatRun(run) << '\n';
  }
  GetOutputStream().flush();
}

}  // namespace execbench
