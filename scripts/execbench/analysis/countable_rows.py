"""Which benchmark rows the exact mode of scripts/ab can count, and why the
others cannot (docs/regressions.md).

Callgrind counts the instructions a process executes in user space, one
thread at a time. A row's count per task is honest only when its tasks are
CPU-bound code in bench's own process, run by an in-process executor whose
task bodies do not depend on the schedule. The rest are listed with the
reason, never given a number; so is any row whose count differs between two
runs of one binary (analysis/exact_verdicts.py).
"""

from execbench.inputs import bench_json

# Workloads whose tasks compute in user space, and the executors that run
# task bodies in bench's own process, each through TaskRunner::Run.
COUNTABLE_WORKLOADS = ("Add", "Cpu", "Image", "Noop", "PyCpu", "PyImage")
COUNTABLE_EXECUTORS = ("Serial", "Threads", "Tbb", "OpenMp", "Async")

_NETWORK = ("its tasks wait on the network: the kernel's instructions are "
            "invisible to callgrind")
_FILES = ("its tasks wait on file system calls: the kernel's instructions "
          "are invisible to callgrind")
_SPINNING = ("each task runs its own threads ({}), whose spin-waits follow "
             "the schedule")
_WORKLOAD_REASONS = {
    "Api": _NETWORK,
    "PyApi": _NETWORK,
    "ApiServer": _NETWORK,
    "Io": _FILES,
    "PyIo": _FILES,
    "Dot": _SPINNING.format("Eigen's OpenMP"),
    "PyDot": _SPINNING.format("NumPy's BLAS"),
    "Cmd": "its tasks are commands, run in processes of their own",
    "Granularity": ("its task length comes from a timed calibration, not a "
                    "fixed amount of work"),
}
_OTHER_PROCESSES = ("its tasks run in other processes, which callgrind "
                    "does not follow here")
_EXECUTOR_REASONS = {
    "Processes": _OTHER_PROCESSES,
    "Mpi": _OTHER_PROCESSES,
    "EventLoop": ("its tasks end in callbacks on one thread, with no task "
                  "body to count"),
}


def uncountable_reason(row: str) -> str | None:
    """Why a row's instructions per task cannot be counted honestly, or None
    when they can."""
    name = bench_json.parse_benchmark_name(row)
    if name.workload not in COUNTABLE_WORKLOADS:
        return _WORKLOAD_REASONS.get(
            name.workload, "not a workload known to be CPU-bound")
    if name.executor not in COUNTABLE_EXECUTORS:
        return _EXECUTOR_REASONS.get(
            name.executor, "not an executor known to run task bodies in "
            "bench's own process")
    return None
