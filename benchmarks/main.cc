// `bench`: every benchmark of the suite: the workload x executor x
// worker-count grid, the granularity sweep and the check of the HTTP server.
//
// The allocator's thresholds are fixed first (context/allocator_policy.h)
// and the wall clock calibrated (executors/clock.h), for this process and
// every one it forks. The fork servers start next, while this process has a
// single thread, so that process pools can fork workers safely later (see
// executors/fork_server.h); they are reaped at exit, whatever the exit. Under
// mpirun, MPI starts after them and after the command line is read: every
// rank reads the same flags, and the worker ranks then serve rank 0 (see
// executors/mpi_world/world.h).

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "benchmark/benchmark.h"
#include "benchmarks/cli/bench_flags.h"
#include "benchmarks/cli/command_line.h"
#include "benchmarks/context/allocator_policy.h"
#include "benchmarks/context/run_context.h"
#include "benchmarks/families/api_server.h"
#include "benchmarks/families/catalogue.h"
#include "benchmarks/families/granularity_sweep.h"
#include "benchmarks/families/workload_grid.h"
#include "benchmarks/output/atomic_file.h"
#include "benchmarks/output/reporters.h"
#include "benchmarks/output/results_file.h"
#include "benchmarks/output/spans_file.h"
#include "benchmarks/output/trace_file.h"
#include "benchmarks/runner/batch_loop.h"
#include "benchmarks/runner/outcomes.h"
#include "executors/clock.h"
#include "executors/fork_server.h"
#include "executors/mpi_world/world.h"

namespace {

// Says what went wrong, unless `status` is OK; returns whether it is.
bool Ok(const absl::Status& status) {
  if (!status.ok()) {
    std::fprintf(stderr, "bench: %s\n", std::string(status.message()).c_str());
  }
  return status.ok();
}

}  // namespace

int main(int argc, char** argv) {
  execbench::FixAllocatorThresholds();
  execbench::CalibrateWallClock();
  if (!Ok(execbench::StartForkServer())) return 1;
  const execbench::CommandLine command_line =
      execbench::ParseCommandLineOrExit(&argc, argv);
  if (!Ok(execbench::mpi::JoinWorldIfLaunched(&argc, &argv))) return 1;

  execbench::BatchLoop batches(absl::GetFlag(FLAGS_warmup_batches).value,
                               absl::GetFlag(FLAGS_spans_cap).value);
  execbench::WorkloadGrid grid(batches);
  grid.Register(command_line.grid_workloads,
                absl::GetFlag(FLAGS_workers).values);
  execbench::GranularitySweep sweep(batches,
                                    execbench::GranularitySettingsFromFlags());
  sweep.Register();
  execbench::RegisterApiServerBenchmarks();
  if (!Ok(execbench::CheckFilterSelectsAny(benchmark::GetBenchmarkFilter()))) {
    return 2;
  }

  execbench::RunContext context;
  context.Gather(execbench::ProbeTime::kStart);
  const std::unique_ptr<benchmark::BenchmarkReporter> display =
      execbench::DisplayReporter(
          command_line.display_format,
          {.benchmarks = execbench::SelectedBenchmarkCount(
               benchmark::GetBenchmarkFilter()),
           .every_repetition = absl::GetFlag(FLAGS_console_repetitions)});
  execbench::ResultsFile results(*display, command_line.display_aggregates_only,
                                 command_line.results_path,
                                 command_line.results_format);
  benchmark::RunSpecifiedBenchmarks(&results);
  context.Gather(execbench::ProbeTime::kEnd);

  const std::vector<execbench::LoggedBatch> logged =
      batches.span_log().Batches();
  const bool written =
      Ok(results.Write()) &&
      Ok(execbench::WriteOutputFile(
          absl::GetFlag(FLAGS_spans_out),
          execbench::SpansFileJson(context.entries(), logged))) &&
      Ok(execbench::WriteOutputFile(absl::GetFlag(FLAGS_trace_out),
                                    execbench::TraceFileJson(logged)));
  benchmark::Shutdown();
  if (!written) return 1;
  if (const int failed = execbench::Outcomes().failed; failed > 0) {
    std::fprintf(stderr,
                 "bench: %d benchmark run(s) failed; see error_message\n",
                 failed);
    return absl::GetFlag(FLAGS_failed_exit_code).value;
  }
  return 0;
}
