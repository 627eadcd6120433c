// Keeping Google Benchmark's reports, and replaying them into a file.

#include "benchmarks/output/results_file.h"

#include <algorithm>
#include <memory>
#include <sstream>
#include <utility>

#include "benchmarks/output/atomic_file.h"
#include "benchmarks/output/reporters.h"

namespace execbench {
namespace {

using Run = benchmark::BenchmarkReporter::Run;

// Whether Google Benchmark follows a benchmark's `runs` (every repetition,
// reported at once) with their aggregates: it computes them from two runs
// without error on (ComputeStats() in its statistics.cc).
bool AggregatesFollow(const std::vector<Run>& runs) {
  return std::count_if(runs.begin(), runs.end(), [](const Run& run) {
           return run.run_type == Run::RT_Iteration && !run.error_occurred;
         }) >= 2;
}

}  // namespace

ResultsFile::ResultsFile(benchmark::BenchmarkReporter& display,
                         bool display_aggregates_only, std::string path,
                         std::string format)
    : display_(display),
      display_aggregates_only_(display_aggregates_only),
      path_(std::move(path)),
      format_(std::move(format)) {}

bool ResultsFile::ReportContext(const Context& context) {
  context_.emplace(context);
  return display_.ReportContext(context);
}

void ResultsFile::ReportRuns(const std::vector<Run>& runs) {
  reports_.push_back(runs);
  if (!display_aggregates_only_ || !AggregatesFollow(runs)) {
    display_.ReportRuns(runs);
  }
}

void ResultsFile::Finalize() { display_.Finalize(); }

std::string ResultsFile::Render() const {
  std::ostringstream text;
  const std::unique_ptr<benchmark::BenchmarkReporter> reporter =
      FileReporter(format_);
  reporter->SetOutputStream(&text);
  reporter->SetErrorStream(&text);
  reporter->ReportContext(*context_);
  for (const std::vector<Run>& runs : reports_) reporter->ReportRuns(runs);
  reporter->Finalize();
  return text.str();
}

absl::Status ResultsFile::Write() const {
  if (!context_.has_value()) return absl::OkStatus();
  return WriteOutputFile(path_, Render());
}

}  // namespace execbench
