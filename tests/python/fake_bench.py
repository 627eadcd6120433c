"""A fake bench for the tests of scripts/run and adaptive repetitions.

It measures nothing: it answers each run with canned wall times from a plan,
as Google Benchmark JSON, so that tests control exactly when a benchmark's
median interval settles. Each call is logged with its arguments.

The plan (plan.json beside the executable):
  times_ms: base name -> wall times in ms, handed out in order over all the
    calls, one per repetition (cycling when used up).
  errors: base name -> error message; such benchmarks fail and bench exits
    1, or its --failed_exit_code.
  linger: when true, it measures forever instead (until a signal ends it),
    with a child standing in for a fork server, which listens on a loopback
    port: a test stops it mid-bench (wait_until_started).
The spans file it writes is tests/fixtures/spans.json. It exits 2 with one
line on stderr for a flag starting with --nope, and for a --benchmark_filter
that matches no benchmark, as the real bench does. Like the real bench, a
stop signal ends it without a word.
"""

import json
import pathlib
import stat
import time

_SOURCE = """#!/usr/bin/python3
import json, os, pathlib, re, signal, socket, sys, time
signal.signal(signal.SIGINT, signal.SIG_DFL)
sys.path.insert(0, {tests!r})
from conftest import benchmark_document
here = pathlib.Path(__file__).resolve().parent
plan = json.loads((here / "plan.json").read_text())
with (here / "calls.jsonl").open("a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
flags = {{}}
for arg in sys.argv[1:]:
    if arg.startswith("--nope"):
        print(f"bench: unrecognized flag {{arg}}; see bench --help",
              file=sys.stderr)
        sys.exit(2)
    name, _, value = arg.partition("=")
    flags[name] = value
pattern = re.compile(flags.get("--benchmark_filter", ""))
names = [name for name in [*plan["times_ms"], *plan.get("errors", {{}})]
         if pattern.search(name + "/manual_time")]
if not names:
    print("bench: --benchmark_filter matches no benchmark", file=sys.stderr)
    sys.exit(2)
def publish(name, text):
    (here / (name + ".tmp")).write_text(text)
    os.replace(here / (name + ".tmp"), here / name)
if plan.get("linger"):
    if os.fork() == 0:
        server = socket.create_server(("127.0.0.1", 0))
        publish("server.json", json.dumps(
            {{"server": os.getpid(), "port": server.getsockname()[1]}}))
        time.sleep(3600)
        os._exit(0)
    while not (here / "server.json").exists():
        time.sleep(0.01)
    publish("started.json", json.dumps(
        {{"bench": os.getpid(),
          **json.loads((here / "server.json").read_text())}}))
    time.sleep(3600)
state_path = here / "served.json"
served = json.loads(state_path.read_text()) if state_path.exists() else {{}}
count = int(flags.get("--benchmark_repetitions", "1"))
samples = {{}}
for name in names:
    if name in plan["times_ms"]:
        times = plan["times_ms"][name]
        start = served.get(name, 0)
        samples[name] = [times[(start + index) % len(times)]
                         for index in range(count)]
        served[name] = start + count
state_path.write_text(json.dumps(served))
errors = {{name: message for name, message in plan.get("errors", {{}}).items()
          if name in names}}
document = benchmark_document(samples, errors=errors)
pathlib.Path(flags["--benchmark_out"]).write_text(json.dumps(document))
for flag, content in (("--spans_out", pathlib.Path({spans!r}).read_text()),
                      ("--trace_out", json.dumps({{"traceEvents": []}}))):
    if flag in flags:
        pathlib.Path(flags[flag]).write_text(content)
print("fake bench ran", len(names), "benchmarks")
sys.exit(int(flags.get("--failed_exit_code", "1")) if errors else 0)
"""


def install(folder: pathlib.Path, times_ms: dict,
            errors: dict | None = None, linger: bool = False) -> pathlib.Path:
    """Writes the fake bench and its plan into folder; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.json").write_text(
        json.dumps({"times_ms": times_ms, "errors": errors or {},
                    "linger": linger}), encoding="utf-8")
    bench = folder / "bench"
    tests = pathlib.Path(__file__).resolve().parent
    bench.write_text(_SOURCE.format(
        tests=str(tests), spans=str(tests.parent / "fixtures" / "spans.json")),
                     encoding="utf-8")
    bench.chmod(bench.stat().st_mode | stat.S_IXUSR)
    return bench


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
