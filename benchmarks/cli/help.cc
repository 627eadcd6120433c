// bench's --help, from the registries.

#include "benchmarks/cli/help.h"

#include <cstdio>
#include <string>

#include "benchmark/benchmark.h"
#include "core/executor.h"
#include "core/suite_flag.h"
#include "core/workload.h"

namespace execbench {

void PrintHelp() {
  std::printf(
      "Usage: bench [FLAGS]\n\n"
      "Runs every workload x executor x worker-count benchmark, named\n"
      "<Workload>/<Executor>/workers:<W>/manual_time, the granularity sweep\n"
      "(Granularity/<Executor>/workers:<W>/task_us:<T>) and the check of the\n"
      "HTTP server (ApiServer/concurrent_clients:<N>).\n\n"
      "Exit code: 0 when every selected benchmark ran (or was skipped as\n"
      "unavailable here), --failed_exit_code (1) when any failed, 2 for a bad\n"
      "flag or a --benchmark_filter that selects nothing or is not a regular\n"
      "expression.\n\nexecbench flags:\n");
  for (const absl::CommandLineFlag* flag : SuiteFlags()) {
    std::printf("  --%s=%s\n      %s\n", std::string(flag->Name()).c_str(),
                flag->DefaultValue().c_str(), flag->Help().c_str());
  }
  std::printf("\nWorkloads:\n");
  for (const WorkloadRegistration* workload : RegisteredWorkloads()) {
    if (workload->from_flags) {
      std::printf("  %-10s %s\n", workload->name.c_str(),
                  workload->description.c_str());
    }
  }
  std::printf("\nExecutors:\n");
  for (const ExecutorRegistration* executor : RegisteredExecutors()) {
    std::printf("  %-10s %s\n", executor->name.c_str(),
                executor->description.c_str());
  }
  std::printf("\nGoogle Benchmark flags:\n");
  benchmark::PrintDefaultHelp();
}

}  // namespace execbench
