// Definitions of bench's own flags.

#include "benchmarks/cli/bench_flags.h"

#include "absl/flags/flag.h"
#include "benchmarks/cli/default_worker_counts.h"
#include "core/machine_cores.h"
#include "core/suite_flag.h"
#include "executors/batch_timeout.h"
#include "executors/pool_messages.h"

EXECBENCH_FLAG(
    execbench::WorkerCounts, workers,
    (execbench::WorkerCounts{
        execbench::DefaultWorkerCounts(execbench::MachineCores())}),
    "worker counts of every executor's benchmarks (Serial runs at 1); by "
    "default every power of two up to the first above this machine's cores, "
    "and the core count");
EXECBENCH_FLAG(std::string, profile, "default",
               "default: sizes for this kind of machine; seed: the study's own "
               "sizes and task counts (flags given explicitly still win)");
EXECBENCH_FLAG(execbench::NonNegativeInt, warmup_batches, {1},
               "untimed batches before each benchmark's first measured one");
EXECBENCH_FLAG(
    std::string, spans_out, "",
    "write every benchmark's last-batch task spans to this JSON file");
EXECBENCH_FLAG(std::string, trace_out, "",
               "write the same spans as a Chrome/Perfetto trace to this file");
EXECBENCH_FLAG(execbench::PositiveInt, spans_cap, {1000},
               "keep at most this many spans per benchmark in --spans_out and "
               "--trace_out (the files say when a batch was capped)");
EXECBENCH_FLAG(
    std::string, task_cpu, "long",
    "when a task's CPU time is read (a system call of about 0.6 us on "
    "a VM): long (tasks of 200 us or more, where it costs under 1%), "
    "every, never");
EXECBENCH_FLAG(
    execbench::PositiveDecimal, batch_timeout_s,
    {absl::ToDoubleSeconds(execbench::kDefaultBatchTimeout)},
    "seconds a batch of worker processes (Processes), worker ranks (Mpi) or "
    "an event loop's tasks (EventLoop) may take: then it fails, naming the "
    "workers or tasks still running, which are killed");
EXECBENCH_FLAG(execbench::PositiveInt, message_arena_mib,
               {static_cast<int>(execbench::kDefaultMessageArenaBytes >> 20)},
               "MiB of a process-pool batch's arena that messages (PyTask's "
               "pickled arguments and results) travel through: address "
               "space, of which a batch allocates what its messages take");
EXECBENCH_FLAG(execbench::FailureExitCode, failed_exit_code, {1},
               "exit code when any benchmark failed (skips for something "
               "unavailable here do not count), 0 to 255 but 2; 0 exits 0 as "
               "if all went well");
EXECBENCH_FLAG(bool, console_repetitions, false,
               "print a console line per repetition and per aggregate, not "
               "one per benchmark once its repetitions are done");
