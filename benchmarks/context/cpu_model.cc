// Reading the CPU's model name from /proc/cpuinfo.

#include "benchmarks/context/cpu_model.h"

#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace execbench {
namespace {

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (absl::StartsWith(line, "model name")) {
      return std::string(
          absl::StripAsciiWhitespace(line.substr(line.find(':') + 1)));
    }
  }
  return "unknown";
}

}  // namespace

ContextEntries CpuModelContext() {
  return {{"execbench_cpu_model", CpuModel()}};
}

}  // namespace execbench
