// Reporters by format.

#include "benchmarks/output/reporters.h"

namespace execbench {

std::unique_ptr<benchmark::BenchmarkReporter> DisplayReporter(
    const std::string& format, ConsoleOptions console) {
  if (format == "console") return std::make_unique<ConsoleReporter>(console);
  return FileReporter(format);
}

std::unique_ptr<benchmark::BenchmarkReporter> FileReporter(
    const std::string& format) {
  if (format == "console") {
    return std::make_unique<benchmark::ConsoleReporter>(
        benchmark::ConsoleReporter::OO_None);
  }
  if (format == "csv") {
    BENCHMARK_DISABLE_DEPRECATED_WARNING
    return std::make_unique<benchmark::CSVReporter>();
    BENCHMARK_RESTORE_DEPRECATED_WARNING
  }
  return std::make_unique<benchmark::JSONReporter>();
}

}  // namespace execbench
