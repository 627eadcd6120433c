"""Tests of bench at its limits: every wait it makes ends in bounded time,
every value it accepts runs or is refused up front, a benchmark that cannot
get its threads or memory fails alone, and whatever way bench ends (signals
included) it leaves nothing behind and its output files old or whole.

They run the real bench (see test_bench_cli.py) on tiny workloads, some
against a server of their own that sends one byte a second.
"""

import ctypes
import json
import os
import pathlib
import resource
import shutil
import signal
import socket
import subprocess
import threading
import time

import pytest

from test_bench_cli import BENCH, QUICK, run_bench

pytestmark = pytest.mark.skipif(
    not BENCH.exists(),
    reason=f"{BENCH} is not built (build it, or set EXECBENCH_BUILD_DIR)")

PR_SET_CHILD_SUBREAPER = 36


class TricklingServer:
    """An HTTP server that answers every request one byte a second."""

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._trickle, args=(connection,),
                             daemon=True).start()

    def _trickle(self, connection):
        answer = (b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                  + b"x" * 1000)
        with connection:
            connection.recv(4096)
            for byte in answer:
                if self._closed.wait(1):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    def close(self):
        self._closed.set()
        self._listener.close()


def run_json(*args: str, timeout: float = 300, **kwargs) -> tuple[int, dict]:
    """Runs bench with JSON on stdout; returns its exit code and results."""
    completed = subprocess.run(
        [str(BENCH), *QUICK, "--benchmark_format=json", *args],
        capture_output=True, text=True, timeout=timeout, check=False,
        **kwargs)
    return completed.returncode, json.loads(completed.stdout)


def errors_by_name(document: dict) -> dict:
    """Benchmark name -> its error message, "" for one that ran."""
    return {row["name"]: row.get("error_message", "")
            for row in document["benchmarks"]}


def test_gets_from_a_server_that_trickles_end_at_their_time_limit():
    """A server that sends one byte a second holds no GET past
    --api_timeout_ms, whichever client (curl, curl's multi interface,
    Python's urllib) and executor: each benchmark fails naming the task."""
    server = TricklingServer()
    try:
        code, document = run_json(
            "--benchmark_filter=^(Api|PyApi)/(Serial|Threads|Processes|"
            "EventLoop)/", "--workers=2", "--api_tasks=2",
            "--py_api_tasks=2", "--api_timeout_ms=2000",
            f"--api_url=http://127.0.0.1:{server.port}/task/{{task}}",
            timeout=240)
    finally:
        server.close()
    assert code == 1
    errors = errors_by_name(document)
    assert {name.split("/")[1] for name in errors} == {
        "Serial", "Threads", "Processes", "EventLoop"}
    assert any(name.startswith("PyApi/") for name in errors)
    for name, error in errors.items():
        assert "task " in error and " failed on worker " in error, (name,
                                                                    error)
        assert ("Timeout" in error or "timed out" in error
                or "time limit" in error), (name, error)


@pytest.mark.parametrize("argument, named", [
    ("--workers=100000", "--workers"),
    ("--granularity_workers=100000", "--granularity_workers"),
    ("--noop_tasks=2000000000", "--noop_tasks"),
    ("--cpu_tasks=2000000000", "--cpu_tasks"),
    ("--image_size=100000", "--image_size"),
    ("--benchmark_repetitions=0", "--benchmark_repetitions"),
    ("--benchmark_repetitions=-1", "--benchmark_repetitions"),
    ("--benchmark_repetitions=2000000000", "--benchmark_repetitions"),
    ("--benchmark_min_time=1e400", "--benchmark_min_time"),
    ("--failed_exit_code=256", "--failed_exit_code"),
    ("--failed_exit_code=2", "--failed_exit_code"),
    ("--failed_exit_code=-1", "--failed_exit_code"),
    ("--batch_timeout_s=0", "--batch_timeout_s"),
    ("--benchmark_format=xml", "--benchmark_format"),
    ("--benchmark_out_format=xml", "--benchmark_out_format"),
    ("--benchmark_out=/nonexistent/results.json", "--benchmark_out"),
])
def test_a_value_bench_cannot_run_is_refused_with_one_line_and_exit_2(
        argument, named):
    completed = run_bench("--benchmark_filter=^(Noop|Cpu|Image)/Serial/",
                          "--cpu_iterations=1", "--image_tasks=1", argument)
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert named in lines[0] and argument.partition("=")[2] in lines[0]
    assert completed.stdout == ""


def test_a_read_only_output_folder_is_refused_with_one_line_and_exit_2(
        tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    as_root = os.geteuid() == 0
    if as_root:  # root writes into a folder of mode 0555: make it immutable
        if shutil.which("chattr") is None:
            pytest.skip("root needs chattr to make a folder read-only")
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        for flag in ("benchmark_out", "spans_out", "trace_out"):
            completed = run_bench("--benchmark_filter=^Noop/Serial/",
                                  f"--{flag}={folder}/file.json")
            assert completed.returncode == 2, completed.stderr
            lines = completed.stderr.splitlines()
            assert len(lines) == 1 and f"--{flag}" in lines[0], lines
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


@pytest.fixture(name="short_of_memory", scope="module")
def fixture_short_of_memory():
    """A preexec_fn that sets RLIMIT_AS to the address space bench takes once
    started (its libraries, Google Benchmark's and Abseil's state) and 800 MB
    more, as a machine short of memory would leave it."""
    process = subprocess.Popen(
        [str(BENCH), "--benchmark_filter=^Noop/Serial/", "--noop_tasks=1",
         "--benchmark_min_time=3"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        status = pathlib.Path(f"/proc/{process.pid}/status").read_text()
        kib = next(int(line.split()[1]) for line in status.splitlines()
                   if line.startswith("VmPeak:"))
    finally:
        process.kill()
        process.wait()
    limit = kib * 1024 + (800 << 20)
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_a_pool_whose_threads_cannot_start_fails_alone(short_of_memory):
    """With room for a hundred thread stacks at most, 1000 workers cannot
    start: libgomp would end bench ("Thread creation failed") and lose the
    run; the OpenMp and Tbb benchmarks fail alone, naming the limit, and the
    rest of the run goes on."""
    code, document = run_json(
        "--benchmark_filter=^Noop/(Serial|OpenMp|Tbb)/", "--workers=1000",
        "--noop_tasks=100", preexec_fn=short_of_memory)
    assert code == 1
    errors = errors_by_name(document)
    assert errors["Noop/Serial/workers:1/manual_time"] == ""
    for executor in ("OpenMp", "Tbb"):
        error = errors[f"Noop/{executor}/workers:1000/manual_time"]
        assert "more threads" in error and "RLIMIT_AS" in error, error


@pytest.mark.parametrize("argument, workload", [
    ("--api_body_bytes=600000000", "Api"),
    ("--io_bytes=1000000000", "Io"),
])
def test_a_workload_too_big_for_memory_fails_alone(argument, workload,
                                                   short_of_memory):
    """Buffers bigger than what the process can still get fail their
    benchmarks with what they need, rather than bench (std::bad_alloc, or
    the OOM killer); the rest of the run goes on."""
    code, document = run_json(
        f"--benchmark_filter=^(Noop|{workload})/Serial/", argument,
        "--api_tasks=2", "--io_tasks=2", "--noop_tasks=10",
        preexec_fn=short_of_memory)
    assert code == 1
    errors = errors_by_name(document)
    assert errors["Noop/Serial/workers:1/manual_time"] == ""
    error = errors[f"{workload}/Serial/workers:1/manual_time"]
    assert "GB is needed for" in error and "is available" in error, error


def test_a_payload_beyond_memory_exits_2_with_one_line(short_of_memory):
    """A payload bigger than the memory bench can still get is refused with
    the command line, before any benchmark runs."""
    completed = subprocess.run(
        [str(BENCH), "--benchmark_filter=^Noop/Serial/",
         "--result_bytes=2000000000"], capture_output=True, text=True,
        timeout=60, check=False, preexec_fn=short_of_memory)
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert "--result_bytes" in lines[0] and "is available" in lines[0]
    assert completed.stdout == ""


def test_payloads_too_big_for_a_batch_fail_alone(short_of_memory):
    """Payloads that fit one task but not a batch (every argument and result
    in bench, and once more in a process pool's channel) fail their
    benchmarks with what they need; smaller batches run."""
    code, document = run_json(
        "--benchmark_filter=^(Noop|Cpu)/(Serial|Processes)/",
        "--workers=1", "--noop_tasks=100", "--cpu_tasks=2",
        "--cpu_iterations=1000", "--arg_bytes=10000000",
        preexec_fn=short_of_memory)
    assert code == 1
    errors = errors_by_name(document)
    assert errors["Cpu/Serial/workers:1/manual_time"] == ""
    assert errors["Cpu/Processes/workers:1/manual_time"] == ""
    for executor in ("Serial", "Processes"):
        error = errors[f"Noop/{executor}/workers:1/manual_time"]
        assert "GB is needed for" in error and "payloads" in error, error


def children_of(pid: int) -> list[int]:
    """The child processes of `pid`, every thread's."""
    children = []
    for task in pathlib.Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in
                         (task / "children").read_text().split()]
        except OSError:
            continue
    return children


def _reap_until_no_child_is_left(seconds: float) -> list[int]:
    """Reaps this process's children as they end, for up to `seconds`;
    returns those still alive then."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            while os.waitpid(-1, os.WNOHANG)[0] != 0:
                pass
        except ChildProcessError:
            return []
        alive = children_of(os.getpid())
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


@pytest.mark.parametrize("signal_number",
                         [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_ends_bench_and_everything_it_started(tmp_path,
                                                       signal_number):
    """A signal in the middle of a process pool's batch: bench ends, its fork
    servers and workers die with it, its private folders are removed, and
    its output files are as they were."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    outputs = {name: tmp_path / f"{name}.json"
               for name in ("results", "spans", "trace")}
    for path in outputs.values():
        path.write_text("old", encoding="utf-8")
    shm_before = set(os.listdir("/dev/shm"))
    libc = ctypes.CDLL(None, use_errno=True)
    # bench's orphans would become this process's children.
    assert libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    try:
        bench = subprocess.Popen(
            [str(BENCH), "--benchmark_filter=^Io/Processes/", "--workers=2",
             "--io_tasks=40", "--io_bytes=2000000",
             f"--io_dir={scratch}", "--benchmark_min_time=60",
             f"--benchmark_out={outputs['results']}",
             f"--spans_out={outputs['spans']}",
             f"--trace_out={outputs['trace']}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        # In a batch: workers run, and the run's folder holds their files.
        while not (any(children_of(server)
                       for server in children_of(bench.pid))
                   and any(scratch.iterdir())):
            assert time.monotonic() < deadline, "no batch ran"
            time.sleep(0.01)
        bench.send_signal(signal_number)
        assert bench.wait(timeout=60) == -signal_number
        assert _reap_until_no_child_is_left(10) == []
    finally:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
    assert list(scratch.iterdir()) == []
    assert sorted(tmp_path.iterdir()) == sorted([scratch, *outputs.values()])
    for path in outputs.values():
        assert path.read_text(encoding="utf-8") == "old"
    left = [name for name in set(os.listdir("/dev/shm")) - shm_before
            if not name.startswith("__KMP_REGISTERED_LIB_")]
    assert left == []


def test_a_killed_fork_server_is_replaced_and_the_run_goes_on():
    """Every fork server killed in the middle of one Processes benchmark:
    that benchmark fails naming the signal, and the next one runs on
    servers started anew."""
    bench = subprocess.Popen(
        [str(BENCH), *QUICK, "--benchmark_format=json",
         "--benchmark_filter=^(Cpu|Noop)/Processes/workers:2/",
         "--workers=2", "--cpu_tasks=4", "--cpu_iterations=200000000",
         "--noop_tasks=100"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    servers = children_of(bench.pid)
    while not any(children_of(server) for server in servers):
        assert time.monotonic() < deadline, "no batch ran"
        time.sleep(0.01)
        servers = children_of(bench.pid)
    for server in servers:
        os.kill(server, signal.SIGKILL)
    stdout, _ = bench.communicate(timeout=120)
    assert bench.returncode == 1
    errors = errors_by_name(json.loads(stdout))
    assert "was killed by signal 9 (Killed) during the batch" in errors[
        "Cpu/Processes/workers:2/manual_time"]
    assert errors["Noop/Processes/workers:2/manual_time"] == ""


def test_listening_sockets_of_bench_are_on_loopback_only():
    """While the Api workload's loopback server runs, `ss -ltnp` shows bench
    listening on 127.0.0.1 alone."""
    if shutil.which("ss") is None:
        pytest.skip("ss (iproute2) is not installed")
    bench = subprocess.Popen(
        [str(BENCH), "--benchmark_filter=^Api/Serial/", "--api_tasks=2",
         "--benchmark_min_time=20"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        addresses = []
        while not addresses:
            assert time.monotonic() < deadline, "bench never listened"
            time.sleep(0.1)
            listing = subprocess.run(["ss", "-ltnpH"], capture_output=True,
                                     text=True, check=True).stdout
            addresses = [line.split()[3].rsplit(":", 1)[0]
                         for line in listing.splitlines()
                         if f"pid={bench.pid}," in line]
        assert set(addresses) == {"127.0.0.1"}, addresses
    finally:
        bench.kill()
        bench.wait()
