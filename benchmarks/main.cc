// `bench`: every workload x executor x worker-count benchmark of the suite.
//
// The fork server starts first, while this process has a single thread, so
// that process pools can fork workers safely later (see
// executors/fork_server.h). Under mpirun, MPI starts after it and after the
// command line is read: every rank reads the same flags, and the worker ranks
// then serve rank 0 (see executors/mpi/world.h).

#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "benchmark/benchmark.h"
#include "benchmarks/atomic_file.h"
#include "benchmarks/benchmark_grid.h"
#include "benchmarks/command_line.h"
#include "benchmarks/run_context.h"
#include "benchmarks/spans_file.h"
#include "benchmarks/suite_flags.h"
#include "benchmarks/trace_file.h"
#include "executors/fork_server.h"
#include "executors/mpi/world.h"

namespace {

// Writes `contents` to the file a flag names, if it names one; false on error.
bool WriteOutput(const std::string& path, const std::string& contents) {
  if (path.empty()) return true;
  absl::Status status = execbench::WriteFileAtomically(path, contents);
  if (!status.ok()) {
    std::fprintf(stderr, "bench: %s\n", std::string(status.message()).c_str());
  }
  return status.ok();
}

}  // namespace

int main(int argc, char** argv) {
  if (absl::Status status = execbench::StartForkServer(); !status.ok()) {
    std::fprintf(stderr, "bench: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  execbench::ParseCommandLineOrExit(&argc, argv);
  if (absl::Status mpi = execbench::mpi::JoinWorldIfLaunched(&argc, &argv);
      !mpi.ok()) {
    std::fprintf(stderr, "bench: %s\n", std::string(mpi.message()).c_str());
    return 1;
  }
  std::map<std::string, std::string> context = execbench::RunContext();
  context.merge(execbench::mpi::WorldContext());
  for (const auto& [key, value] : context) {
    benchmark::AddCustomContext(key, value);
  }

  execbench::BenchmarkGrid grid(absl::GetFlag(FLAGS_warmup_batches).value,
                                absl::GetFlag(FLAGS_spans_cap).value);
  grid.Register(absl::GetFlag(FLAGS_workers).values);
  if (const std::string why =
          grid.WhyNoBenchmarkMatches(benchmark::GetBenchmarkFilter());
      !why.empty()) {
    std::fprintf(stderr, "bench: %s\n", why.c_str());
    return 2;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  const std::vector<execbench::LoggedBatch> batches = grid.span_log().Batches();
  for (auto& [key, value] : execbench::mpi::ClosingWorldContext()) {
    context[key] = value;
  }
  const bool spans_ok = WriteOutput(absl::GetFlag(FLAGS_spans_out),
                                    execbench::SpansFileJson(context, batches));
  const bool trace_ok = WriteOutput(absl::GetFlag(FLAGS_trace_out),
                                    execbench::TraceFileJson(batches));
  return spans_ok && trace_ok ? 0 : 1;
}
