// bench's own flags, those of the run as a whole (worker counts, profile,
// warm-up, output files, console lines, batch timeout, exit code), beside
// each workload's
// (defined in its file) and Google Benchmark's.

#ifndef EXECBENCH_BENCHMARKS_CLI_BENCH_FLAGS_H_
#define EXECBENCH_BENCHMARKS_CLI_BENCH_FLAGS_H_

#include <string>

#include "absl/flags/declare.h"
#include "core/flag_types.h"

ABSL_DECLARE_FLAG(execbench::WorkerCounts, workers);
ABSL_DECLARE_FLAG(std::string, profile);
ABSL_DECLARE_FLAG(execbench::NonNegativeInt, warmup_batches);
ABSL_DECLARE_FLAG(std::string, spans_out);
ABSL_DECLARE_FLAG(std::string, trace_out);
ABSL_DECLARE_FLAG(execbench::PositiveInt, spans_cap);
ABSL_DECLARE_FLAG(std::string, task_cpu);
ABSL_DECLARE_FLAG(execbench::PositiveDecimal, batch_timeout_s);
ABSL_DECLARE_FLAG(execbench::PositiveInt, message_arena_mib);
ABSL_DECLARE_FLAG(execbench::FailureExitCode, failed_exit_code);
ABSL_DECLARE_FLAG(bool, console_repetitions);

#endif  // EXECBENCH_BENCHMARKS_CLI_BENCH_FLAGS_H_
