"""A fake bench for the tests of scripts/run, adaptive repetitions and
scripts/ab.

It measures nothing: it answers each run with wall times from a plan, as
Google Benchmark JSON, so that tests control exactly what each benchmark
measured. Each call is logged with its arguments.

The plan (plan.json beside the executable):
  times_ms: base name -> wall times in ms, handed out in order over all the
    calls, one per repetition (cycling when used up).
  draws: base name -> {"ms": median, "sd": standard deviation of the log,
    "df": degrees of freedom of Student's t for heavy tails (0: normal)}:
    wall times drawn at random, from a generator seeded with the plan's
    "seed" and the number of calls so far.
  errors: base name -> error message; such benchmarks fail and bench exits
    1, or its --failed_exit_code.
  linger: when true, it measures forever instead (until a signal ends it),
    with a child standing in for a fork server, which listens on a loopback
    port: a test stops it mid-bench (wait_until_started).
  context: entries added to (or replacing) the JSON context.
  steal: base name -> the steal_share counter of its repetitions.
--task_slowdown=X makes every time 1 + X times longer and is recorded in
the context, as bench's flag is. --benchmark_list_tests=true lists the
names. The spans file it writes is tests/fixtures/spans.json. It exits 2
with one line on stderr for a flag starting with --nope, and for a
--benchmark_filter that matches no benchmark, as the real bench does. Like
the real bench, a stop signal ends it without a word.
"""

import json
import pathlib
import random
import re
import os
import socket
import stat
import sys
import time

from bench_documents import benchmark_document

TESTS = pathlib.Path(__file__).resolve().parent
_SOURCE = """#!/usr/bin/python3
import pathlib, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
sys.path.insert(0, {tests!r})
import fake_bench
sys.exit(fake_bench.serve(pathlib.Path(__file__).resolve().parent,
                          sys.argv[1:]))
"""


def install(folder: pathlib.Path, times_ms: dict | None = None,
            errors: dict | None = None, **plan) -> pathlib.Path:
    """Writes the fake bench and its plan into folder; returns its path.

    Args:
      folder: where it goes.
      times_ms, errors: as in the plan (see the module docstring).
      plan: the plan's other entries: draws, seed, context, steal.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.json").write_text(json.dumps(
        {"times_ms": times_ms or {}, "errors": errors or {}, **plan}),
                                      encoding="utf-8")
    bench = folder / "bench"
    bench.write_text(_SOURCE.format(tests=str(TESTS)), encoding="utf-8")
    bench.chmod(bench.stat().st_mode | stat.S_IXUSR)
    return bench


def _draw(generator: random.Random, draw: dict) -> float:
    degrees = draw.get("df", 0)
    if degrees:
        noise = generator.gauss(0, 1) / (
            sum(generator.gauss(0, 1) ** 2 for _ in range(degrees))
            / degrees) ** 0.5
    else:
        noise = generator.gauss(0, 1)
    return draw["ms"] * 2.718281828459045 ** (draw["sd"] * noise)


def serve(here: pathlib.Path, arguments: list) -> int:
    """Answers one call as the plan says; returns the exit code."""
    plan = json.loads((here / "plan.json").read_text())
    with (here / "calls.jsonl").open("a") as log:
        log.write(json.dumps(arguments) + "\n")
    flags = {}
    for argument in arguments:
        if argument.startswith("--nope"):
            print(f"bench: unrecognized flag {argument}; see bench --help",
                  file=sys.stderr)
            return 2
        name, _, value = argument.partition("=")
        flags[name] = value
    draws = plan.get("draws", {})
    pattern = re.compile(flags.get("--benchmark_filter", ""))
    names = [name for name in [*plan["times_ms"], *draws, *plan["errors"]]
             if pattern.search(name + "/manual_time")]
    if not names:
        print("bench: --benchmark_filter matches no benchmark",
              file=sys.stderr)
        return 2
    if flags.get("--benchmark_list_tests") == "true":
        print("\n".join(name + "/manual_time" for name in names))
        return 0
    if plan.get("linger"):
        _linger(here)
    state_path = here / "served.json"
    served = (json.loads(state_path.read_text()) if state_path.exists()
              else {})
    calls = served.get("", 0)
    served[""] = calls + 1
    generator = random.Random(f"{plan.get('seed', 0)}/{calls}")
    count = int(flags.get("--benchmark_repetitions", "1"))
    slowdown = float(flags.get("--task_slowdown", "0"))
    samples = {}
    for name in names:
        if name in plan["times_ms"]:
            times = plan["times_ms"][name]
            start = served.get(name, 0)
            samples[name] = [times[(start + index) % len(times)]
                             for index in range(count)]
            served[name] = start + count
        elif name in draws:
            samples[name] = [_draw(generator, draws[name])
                             for _ in range(count)]
    state_path.write_text(json.dumps(served))
    samples = {name: [time * (1 + slowdown) for time in times]
               for name, times in samples.items()}
    errors = {name: message for name, message in plan["errors"].items()
              if name in names}
    context = {**plan.get("context", {}),
               **({"execbench_flag_task_slowdown": flags["--task_slowdown"]}
                  if "--task_slowdown" in flags else {})}
    document = benchmark_document(samples, errors=errors, context=context)
    for row in document["benchmarks"]:
        base_name = row["name"].split("/manual_time")[0]
        if base_name in plan.get("steal", {}):
            row["steal_share"] = plan["steal"][base_name]
    pathlib.Path(flags["--benchmark_out"]).write_text(json.dumps(document))
    spans = (TESTS.parent / "fixtures" / "spans.json").read_text()
    for flag, content in (("--spans_out", spans),
                          ("--trace_out", json.dumps({"traceEvents": []}))):
        if flag in flags:
            pathlib.Path(flags[flag]).write_text(content)
    print("fake bench ran", len(names), "benchmarks")
    return int(flags.get("--failed_exit_code", "1")) if errors else 0


def _linger(here: pathlib.Path) -> None:
    """Measures forever: starts a child that listens on a loopback port, as
    a fork server would, says so in started.json, and sleeps."""
    if os.fork() == 0:
        server = socket.create_server(("127.0.0.1", 0))
        _publish(here / "server.json", json.dumps(
            {"server": os.getpid(), "port": server.getsockname()[1]}))
        time.sleep(3600)
        os._exit(0)
    while not (here / "server.json").exists():
        time.sleep(0.01)
    _publish(here / "started.json", json.dumps(
        {"bench": os.getpid(),
         **json.loads((here / "server.json").read_text())}))
    time.sleep(3600)


def _publish(path: pathlib.Path, text: str) -> None:
    """Writes path whole, so that a reader never sees half of it."""
    path.with_suffix(".tmp").write_text(text)
    os.replace(path.with_suffix(".tmp"), path)


def calls(bench: pathlib.Path) -> list:
    """The arguments of every call of the fake bench, in order."""
    log = bench.parent / "calls.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


def flag_values(arguments: list, flag: str) -> list:
    """The values given to flag in one call's arguments, in order."""
    return [argument.split("=", 1)[1] for argument in arguments
            if argument.startswith(flag + "=")]


def wait_until_started(bench: pathlib.Path, script) -> dict:
    """Waits until a lingering fake bench and its server run; returns
    {"bench": its pid, "server": the server's, "port": where it listens}.
    Fails if the script ends first.

    Args:
      bench: the fake bench.
      script: the subprocess.Popen of the script that runs it.
    """
    started = bench.parent / "started.json"
    while not started.exists():
        assert script.poll() is None, "the script ended before bench started"
        time.sleep(0.02)
    return json.loads(started.read_text())
