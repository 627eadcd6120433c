// `bench`: every benchmark of the suite: the workload x executor x
// worker-count grid, the granularity sweep and the check of the HTTP server.
//
// The allocator's thresholds are fixed first (benchmarks/allocator_policy.h)
// and the wall clock calibrated (executors/clock.h), for this process and
// every one it forks. The fork servers start next, while this process has a
// single thread, so that process pools can fork workers safely later (see
// executors/fork_server.h); they are reaped at exit, whatever the exit. Under
// mpirun, MPI starts after them and after the command line is read: every
// rank reads the same flags, and the worker ranks then serve rank 0 (see
// executors/mpi_world/world.h).

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "benchmarks/allocator_policy.h"
#include "benchmarks/api_server_benchmark.h"
#include "benchmarks/atomic_file.h"
#include "benchmarks/benchmark_body.h"
#include "benchmarks/benchmark_grid.h"
#include "benchmarks/benchmark_outcomes.h"
#include "benchmarks/command_line.h"
#include "benchmarks/console_reporter.h"
#include "benchmarks/granularity_sweep.h"
#include "benchmarks/hypervisor_traits.h"
#include "benchmarks/instrument_calibration.h"
#include "benchmarks/json.h"
#include "benchmarks/parallel_ceiling.h"
#include "benchmarks/run_context.h"
#include "benchmarks/spans_file.h"
#include "benchmarks/suite_benchmarks.h"
#include "benchmarks/suite_flags.h"
#include "benchmarks/trace_file.h"
#include "executors/clock.h"
#include "executors/fork_server.h"
#include "executors/mpi_world/world.h"

namespace {

constexpr char kCeilingEnd[] = "execbench_parallel_ceiling_end";

void Complain(absl::string_view message) {
  std::fprintf(stderr, "bench: %s\n", std::string(message).c_str());
}

// Writes `contents` to the file a flag names, if it names one; false on error.
bool WriteOutput(const std::string& path, const std::string& contents) {
  if (path.empty()) return true;
  absl::Status status = execbench::WriteFileAtomically(path, contents);
  if (!status.ok()) Complain(status.message());
  return status.ok();
}

// Exits with 2 unless --benchmark_filter selects at least one benchmark.
void CheckFilterOrExit() {
  const std::string filter = benchmark::GetBenchmarkFilter();
  absl::StatusOr<int> selected = execbench::CountSelected(filter);
  if (!selected.ok()) {
    Complain(selected.status().message());
    std::exit(2);
  }
  if (*selected == 0) {
    if (const std::string why = execbench::UnavailableReasons(filter);
        !why.empty()) {
      Complain(why);
      std::exit(2);
    }
    Complain(absl::StrCat(
        "--benchmark_filter='", filter,
        "' selects no benchmark (names look like Cpu/Threads/workers:2, "
        "case matters; bench --benchmark_list_tests lists them)"));
    std::exit(2);
  }
}

// Adds the parallel ceiling measured after the run to the context of the
// JSON file Google Benchmark wrote, which it wrote before the run.
bool AddToJsonContext(const std::string& path, const std::string& key,
                      const std::string& value) {
  if (path.empty()) return true;
  std::ifstream in(path);
  std::string json((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  constexpr char kContext[] = "\"context\": {";
  const size_t at = json.find(kContext);
  if (at == std::string::npos) {
    Complain(absl::StrCat("cannot add ", key, " to ", path,
                          ": no JSON context found"));
    return false;
  }
  json.insert(at + sizeof(kContext) - 1,
              absl::StrCat("\n    ", execbench::JsonString(key), ": ",
                           execbench::JsonString(value), ","));
  return WriteOutput(path, json);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string allocator = execbench::FixAllocatorThresholds();
  const std::string wall_clock = execbench::CalibrateWallClock();
  if (absl::Status status = execbench::StartForkServer(); !status.ok()) {
    Complain(status.message());
    return 1;
  }
  const execbench::CommandLine command_line =
      execbench::ParseCommandLineOrExit(&argc, argv);
  if (absl::Status mpi = execbench::mpi::JoinWorldIfLaunched(&argc, &argv);
      !mpi.ok()) {
    Complain(mpi.message());
    return 1;
  }
  execbench::BenchmarkBody body(absl::GetFlag(FLAGS_warmup_batches).value,
                                absl::GetFlag(FLAGS_spans_cap).value);
  execbench::BenchmarkGrid grid(body);
  grid.Register(absl::GetFlag(FLAGS_workers).values);
  execbench::GranularitySweep sweep(body,
                                    execbench::GranularitySettingsFromFlags());
  sweep.Register();
  execbench::RegisterApiServerBenchmarks();
  CheckFilterOrExit();

  // The core count the JSON records as num_cpus, which the scripts read.
  const int cores = benchmark::CPUInfo::Get().num_cpus;
  std::map<std::string, std::string> context = execbench::RunContext();
  context.merge(execbench::mpi::WorldContext());
  context.merge(execbench::HypervisorTraits());
  context["execbench_allocator"] = allocator;
  context["execbench_wall_clock"] = wall_clock;
  context["execbench_parallel_ceiling_start"] =
      absl::StrFormat("%.3f", execbench::MeasureParallelCeiling(cores));
  context["execbench_instrument_ns_per_task"] =
      absl::StrFormat("%.1f", execbench::MeasureInstrumentNsPerTask());
  for (const auto& [key, value] : context) {
    benchmark::AddCustomContext(key, value);
  }

  execbench::ConsoleReporter console;
  benchmark::RunSpecifiedBenchmarks(command_line.console_format ? &console
                                                                : nullptr);
  benchmark::Shutdown();
  context[kCeilingEnd] =
      absl::StrFormat("%.3f", execbench::MeasureParallelCeiling(cores));

  const std::vector<execbench::LoggedBatch> batches = body.span_log().Batches();
  for (auto& [key, value] : execbench::mpi::ClosingWorldContext()) {
    context[key] = value;
  }
  const bool outputs_ok =
      AddToJsonContext(command_line.json_out, kCeilingEnd,
                       context[kCeilingEnd]) &&
      WriteOutput(absl::GetFlag(FLAGS_spans_out),
                  execbench::SpansFileJson(context, batches)) &&
      WriteOutput(absl::GetFlag(FLAGS_trace_out),
                  execbench::TraceFileJson(batches));
  if (!outputs_ok) return 1;
  const execbench::BenchmarkOutcomes outcomes = execbench::Outcomes();
  if (outcomes.failed > 0) {
    Complain(absl::StrCat(outcomes.failed,
                          " benchmark run(s) failed; see error_message"));
    return absl::GetFlag(FLAGS_failed_exit_code).value;
  }
  return 0;
}
