"""Python's own process pool beside bench's, on the study's CPU loop, for
scripts/python_pool_reference (commands/python_pool_reference.py).

python_round() times, with this interpreter, the study's loop
(workloads/python/study_tasks.py's cpu_task, the function bench's PyCpu
runs) `tasks` times serially and on concurrent.futures'
ProcessPoolExecutor(workers) created inside the timed region, as the study
timed it, the two alternating, `repetitions` times each. bench_round() runs
bench's PyCpu Serial and Processes at the same sizes, with
`repetitions` interleaved repetitions. Both give seconds per batch.
"""

import concurrent.futures
import importlib.util
import pathlib
import subprocess
import sys
import tempfile
import time

from execbench.inputs import bench_json

STUDY_TASKS = (pathlib.Path(__file__).resolve().parents[3] / "workloads" /
               "python" / "study_tasks.py")
SERIAL = "serial"
POOL = "pool"


def _cpu_task():
    """study_tasks.cpu_task, its module importable by name, as a pool's
    workers find it when they unpickle a task."""
    if "study_tasks" not in sys.modules:
        spec = importlib.util.spec_from_file_location("study_tasks",
                                                      STUDY_TASKS)
        module = importlib.util.module_from_spec(spec)
        sys.modules["study_tasks"] = module
        spec.loader.exec_module(module)
    return sys.modules["study_tasks"].cpu_task


def _serial_seconds(task, tasks: int, iterations: int) -> float:
    start = time.perf_counter()
    for _ in range(tasks):
        task(iterations)
    return time.perf_counter() - start


def _pool_seconds(task, tasks: int, iterations: int, workers: int) -> float:
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        list(pool.map(task, [iterations] * tasks))
    return time.perf_counter() - start


def python_round(*, tasks: int, iterations: int, workers: int,
                 repetitions: int) -> dict:
    """{SERIAL: [seconds], POOL: [seconds]}, `repetitions` each, alternating."""
    task = _cpu_task()
    seconds = {SERIAL: [], POOL: []}
    for _ in range(repetitions):
        seconds[SERIAL].append(_serial_seconds(task, tasks, iterations))
        seconds[POOL].append(_pool_seconds(task, tasks, iterations, workers))
    return seconds


def bench_round(bench: str, *, tasks: int, iterations: int, workers: int,
                repetitions: int) -> dict:
    """{SERIAL: [seconds], POOL: [seconds]} of bench's PyCpu Serial and
    Processes; RuntimeError if bench fails."""
    with tempfile.TemporaryDirectory(prefix="execbench-pool-") as scratch:
        out = pathlib.Path(scratch) / "bench.json"
        completed = subprocess.run(
            [bench, "--benchmark_filter=^PyCpu/(Serial|Processes)/",
             f"--py_cpu_tasks={tasks}", f"--py_cpu_iterations={iterations}",
             f"--workers={workers}", f"--benchmark_repetitions={repetitions}",
             "--benchmark_enable_random_interleaving=true",
             f"--benchmark_out={out}", "--benchmark_out_format=json"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            check=False)
        if completed.returncode != 0:
            last = (completed.stderr.strip().splitlines() or ["no message"])
            raise RuntimeError(f"bench exited with code "
                               f"{completed.returncode}: {last[-1]}")
        samples = bench_json.load_results(str(out)).samples()
    return {SERIAL: samples.get("PyCpu/Serial/workers:1", []),
            POOL: samples.get(f"PyCpu/Processes/workers:{workers}", [])}
