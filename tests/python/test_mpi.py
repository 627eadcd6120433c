"""Tests of the Mpi executor as users launch it: bench with and without
mpirun, a rank killed, stopped or never answering in the middle of a batch,
no rank left behind, nothing that a rank's commands started left after
the batch or the job, nothing of the job listening beyond loopback, and
nothing of it left on the machine however mpirun ends.

They run the real $EXECBENCH_BUILD_DIR/bench and tests/mpi_test under
scripts/mpirun-local (3 ranks on this machine); those that need mpirun skip
without it.
"""

import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import time

import pytest

from test_bench_limits import children_of

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("EXECBENCH_BUILD_DIR", REPO / "build"))
BENCH = BUILD / "bench"
MPI_TEST = BUILD / "tests" / "mpi_test"
MPIRUN_LOCAL = REPO / "scripts" / "mpirun-local"

pytestmark = pytest.mark.skipif(
    not BENCH.exists(),
    reason=f"{BENCH} is not built (build it, or set EXECBENCH_BUILD_DIR)")
needs_mpirun = pytest.mark.skipif(shutil.which("mpirun") is None,
                                  reason="Open MPI's mpirun is not installed")


def _live_processes(matches) -> list[int]:
    """Pids of the live (not zombie) processes whose /proc/PID folder
    `matches`."""
    pids = []
    for proc in pathlib.Path("/proc").iterdir():
        try:
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
            if state not in ("Z", "X") and matches(proc):
                pids.append(int(proc.name))
        except (OSError, IndexError):
            continue
    return pids


def _processes_of(binary: pathlib.Path) -> list[int]:
    """Pids of the live processes running `binary`."""
    return _live_processes(
        lambda proc: os.readlink(proc / "exe") == str(binary))


def _processes_with_argument(argument: str) -> list[int]:
    """Pids of the live processes with `argument` among their command
    line's arguments."""
    return _live_processes(lambda proc: argument.encode() in (
        proc / "cmdline").read_bytes().split(b"\0"))


def _mpirun(*args: str, env: dict | None = None
            ) -> subprocess.CompletedProcess:
    return subprocess.run([str(MPIRUN_LOCAL), "-n", "3", *args],
                          capture_output=True, text=True, timeout=120,
                          check=False, env=env)


def _broken_batch_line(test_name: str) -> str:
    """Runs tests/mpi_test's disabled test `test_name` under mpirun, which
    must end the job; returns rank 0's one "Mpi batch broken: " line."""
    result = _mpirun(str(MPI_TEST), "--gtest_also_run_disabled_tests",
                     f"--gtest_filter=*{test_name}")
    assert result.returncode != 0
    broken = [line for line in result.stderr.splitlines()
              if line.startswith("Mpi batch broken: ")]
    assert len(broken) == 1, result.stderr
    assert _processes_of(MPI_TEST.resolve()) == []
    return broken[0]


def _listening(pids: set[int], namespace_of: int | None = None
               ) -> list[tuple[str, int]]:
    """The addresses that processes `pids` listen on, as `ss -ltnp` shows
    them (in the network namespace of process `namespace_of`, if given):
    (address, pid) pairs."""
    command = ["ss", "-ltnpH"]
    if namespace_of is not None:
        command = ["nsenter", f"--net=/proc/{namespace_of}/ns/net", *command]
    lines = subprocess.run(command, capture_output=True, text=True,
                           check=True, timeout=30).stdout.splitlines()
    found = []
    for line in lines:
        fields = line.split()
        for pid in re.findall(r"pid=(\d+)", line):
            if int(pid) in pids:
                found.append((fields[3].rsplit(":", 1)[0], int(pid)))
    return found


def test_mpi_rows_without_mpirun_get_one_line_and_exit_2():
    result = subprocess.run([str(BENCH), "--benchmark_filter=/Mpi/"],
                            capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Mpi needs mpirun: mpirun -n 3" in lines[0]


def test_bench_without_mpirun_lists_no_mpi_rows_and_says_how_to_get_them():
    listed = subprocess.run([str(BENCH), "--benchmark_list_tests"],
                            capture_output=True, text=True, timeout=60,
                            check=True).stdout
    assert "/Processes/" in listed and "/Mpi/" not in listed
    help_text = subprocess.run([str(BENCH), "--help"], capture_output=True,
                               text=True, timeout=60, check=False).stdout
    assert "mpirun -n 3 build/bench" in help_text


@needs_mpirun
def test_bench_under_mpirun_runs_mpi_rows_and_leaves_no_rank(tmp_path):
    spans = tmp_path / "spans.json"
    result = _mpirun(str(BENCH), "--benchmark_filter=^Noop/Mpi/",
                     "--noop_tasks=50", "--benchmark_min_time=0.001",
                     "--workers=1,2,4", f"--spans_out={spans}",
                     "--benchmark_format=json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    names = [row["name"] for row in report["benchmarks"]]
    # 3 ranks: 2 workers at most.
    assert names == ["Noop/Mpi/workers:1/manual_time",
                     "Noop/Mpi/workers:2/manual_time"]
    context = report["context"]
    assert context["mpi_ranks"] == "3"
    assert len(context["mpi_clock_offset_ns"].split(",")) == 3
    written = json.loads(spans.read_text())
    assert "mpi_clock_offset_end_ns" in written["context"]
    hosts = context["mpi_hosts"].split(",")
    for batch in written["benchmarks"]:
        assert batch["hosts"] == hosts[1:batch["workers"] + 1]
    assert _processes_of(BENCH.resolve()) == []


@needs_mpirun
def test_killed_rank_fails_the_batch_naming_rank_host_and_task():
    broken = _broken_batch_line("KilledRankEndsTheJob")
    assert f"(host {os.uname().nodename}, pid " in broken
    assert "died running task 6" in broken


@needs_mpirun
def test_stopped_rank_ends_the_job_naming_rank_host_and_task():
    broken = _broken_batch_line("StoppedRankEndsTheJob")
    assert f"(host {os.uname().nodename}, pid " in broken
    assert "was stopped, running task 6" in broken


@needs_mpirun
def test_rank_that_never_answers_ends_the_job_at_the_batch_timeout():
    broken = _broken_batch_line("RankThatNeverAnswersEndsTheJobAtTheTimeout")
    assert ("the batch ran past its timeout of 2 s (--batch_timeout_s)"
            in broken)
    assert re.search(r"rank [12] \(host [^,]+, pid \d+\) which was running "
                     r"task 6", broken), broken


@needs_mpirun
@pytest.mark.parametrize("command,flags", [
    # The command exits, leaving a sleep that left its process group: the
    # rank ends it after the batch.
    ("{setsid_sleep}; exit 0", []),
    # Rank 0 gives up at the batch timeout and mpirun ends the job: rank 1
    # ends its command, the command's sleep, and a sleep that left its group.
    ("{setsid_sleep}; sleep {marker}", ["--batch_timeout_s=2"]),
], ids=["command-exits", "batch-timeout"])
def test_what_a_ranks_commands_start_ends_with_the_batch_or_the_job(
        tmp_path, command, flags):
    marker = f"1000.{os.getpid()}"  # an argument of sleep's no one else uses
    # A sleep in a session of its own, once it has left the command's group.
    left_group = f"{tmp_path}/left-group.$$"
    setsid_sleep = (f"setsid sh -c 'touch \"$0\"; exec sleep {marker}' "
                    f"{left_group} > /dev/null 2>&1 & "
                    f"until [ -e {left_group} ]; do sleep 0.01; done")
    task = command.format(marker=marker, setsid_sleep=setsid_sleep)
    result = _mpirun(str(BENCH), "--benchmark_filter=^Cmd/Mpi/workers:1/",
                     "--benchmark_min_time=0.01", "--warmup_batches=0",
                     "--cmd_tasks=1", f"--cmd_task={task}", *flags)
    left = _processes_with_argument(marker)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], result.stderr
    if flags:
        assert ("the batch ran past its timeout of 2 s (--batch_timeout_s)"
                in result.stderr), result.stderr
    else:
        assert result.returncode == 0, result.stderr


@needs_mpirun
def test_the_job_listens_on_loopback_only():
    """While an Mpi benchmark runs, and the Api workload's loopback server,
    no process of the job listens where another machine could reach it:
    `ss -ltnp` of this machine's network shows none of them, and the job's
    own network, in which they do listen (the loopback server among them),
    has no interface but loopback."""
    if os.geteuid() != 0:
        pytest.skip("entering the job's network namespace (nsenter) needs "
                    "root")
    job = subprocess.Popen(
        [str(MPIRUN_LOCAL), "-n", "3", str(BENCH),
         "--benchmark_filter=^Api/(Serial|Mpi)/", "--workers=2",
         "--api_tasks=4", "--api_delay_ms=20", "--benchmark_min_time=20"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ranks = _ranks_of_job()
        job_processes = set(ranks) | set(_ancestors_until(ranks[0], job.pid))
        deadline = time.monotonic() + 60
        in_job = []
        while not any(pid in ranks for _, pid in in_job):
            assert time.monotonic() < deadline, "bench never listened"
            time.sleep(0.2)
            in_job = _listening(job_processes, namespace_of=ranks[0])
        assert _listening(job_processes) == []
        interfaces = subprocess.run(
            ["nsenter", f"--net=/proc/{ranks[0]}/ns/net", "ip", "-brief",
             "link"], capture_output=True, text=True, check=True,
            timeout=30).stdout.split("\n")
        assert [line.split()[0] for line in interfaces if line] == ["lo"]
    finally:
        job.send_signal(signal.SIGTERM)
        job.wait(timeout=60)
    assert _processes_of(BENCH.resolve()) == []


def _ranks_of_job() -> list[int]:
    """The pids of the 3 bench ranks, once they have started."""
    deadline = time.monotonic() + 60
    ranks = []
    while len(ranks) < 3:
        assert time.monotonic() < deadline, "the ranks never started"
        time.sleep(0.2)
        ranks = _processes_of(BENCH.resolve())
    return ranks


def _ancestors_until(pid: int, stop: int) -> list[int]:
    """The ancestors of `pid` below process `stop` (mpirun, under
    mpirun-local)."""
    ancestors = []
    while True:
        stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
        pid = int(stat.rsplit(")", 1)[1].split()[1])
        if pid in (stop, 0, 1):
            return ancestors
        ancestors.append(pid)


def _mapped_files(pids: list[int]) -> set[str]:
    """The files that processes `pids` map, shared memory among them."""
    files = set()
    for pid in pids:
        for line in pathlib.Path(f"/proc/{pid}/maps").read_text().splitlines():
            fields = line.split(maxsplit=5)
            if len(fields) == 6 and fields[5].startswith("/"):
                files.add(fields[5].removesuffix(" (deleted)"))
    return files


@needs_mpirun
def test_killing_mpirun_leaves_no_process_segment_or_folder(tmp_path):
    """kill -9 of mpirun mid-run: mpirun-local still ends the job and removes
    its session folder and the shared-memory segments its ranks map (which
    Open MPI would leave in /dev/shm and $TMPDIR/ompi.*)."""
    job = subprocess.Popen(
        [str(MPIRUN_LOCAL), "-n", "3", str(BENCH),
         "--benchmark_filter=^Cpu/Mpi/", "--workers=2",
         "--cpu_iterations=1000000", "--benchmark_min_time=60"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        ranks = _ranks_of_job()
        time.sleep(1)  # the ranks have joined the world and run batches
        segments = {path for path in _mapped_files(ranks)
                    if path.startswith(("/dev/shm/", str(tmp_path)))}
        assert segments
        mpirun = [pid for pid in [job.pid, *children_of(job.pid)]
                  if pathlib.Path(f"/proc/{pid}/comm").read_text().strip()
                  == "mpirun"]
        assert len(mpirun) == 1
        os.kill(mpirun[0], signal.SIGKILL)
        job.wait(timeout=60)
        time.sleep(1)  # what outlives mpirun has had time to end
    finally:
        if job.poll() is None:
            job.kill()
            job.wait()
    assert _processes_of(BENCH.resolve()) == []
    assert [path for path in segments if os.path.exists(path)] == []
    assert list(tmp_path.iterdir()) == []
    assert job.returncode == 128 + signal.SIGKILL
