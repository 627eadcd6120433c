"""How execbench writes numbers and names: units, numbers, captions, and the
order of executors, the same in every table, chart and text.

A duration gets the largest unit in which it is at least 1 (s, ms, µs, ns),
numbers about three significant digits and never e-notation; a caption names
the machine, the execbench commit and the suite flags changed from their
defaults. Executors come in EXECUTOR_ORDER, the baseline first, so that
tables and legends list them alike (their colours are in charts/style.py).
"""

import textwrap

# The baseline first, then the executors the suite knows, in this order.
EXECUTOR_ORDER = ("Serial", "Threads", "Processes", "Tbb", "OpenMp", "Async",
                  "EventLoop", "Mpi")

# Characters of a caption line that fit the width of a chart.
_CAPTION_WIDTH = 110
_TIME_UNITS = (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9))


def sort_executors(executors) -> list:
    """Executors in EXECUTOR_ORDER, then any others in the order given."""
    unique = list(dict.fromkeys(executors))
    known = [executor for executor in EXECUTOR_ORDER if executor in unique]
    return known + [executor for executor in unique if executor not in known]


def time_unit(seconds: list) -> tuple:
    """(unit name, seconds per unit): the largest unit where all are >= 1."""
    smallest = min(seconds)
    for name, factor in _TIME_UNITS:
        if smallest >= factor:
            return name, factor
    return _TIME_UNITS[-1]


def format_seconds(seconds: float) -> str:
    """One duration in the unit that suits it alone, e.g. "12.3 ms"."""
    unit, seconds_per_unit = time_unit([seconds])
    return f"{format_number(seconds / seconds_per_unit)} {unit}"


def format_number(value: float) -> str:
    """The value with about three significant digits, never in e-notation."""
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def format_bytes(count: float) -> str:
    """A size in decimal units with about three significant digits: "512 B",
    "4.10 kB", "2.10 MB"."""
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if abs(count) >= factor:
            return f"{format_number(count / factor)} {unit}"
    return f"{count:.0f} B"


def format_ratio(value: float) -> str:
    """A speedup or efficiency: two decimals, or two digits when below 0.1."""
    return f"{value:.2f}" if value >= 0.095 else f"{value:.2g}"


def caption(context: dict) -> str:
    """The machine and the execbench commit of a run, on one line, then the
    suite flags that differed from their defaults (execbench_flags_changed),
    wrapped, when any did."""
    lines = [f"{machine(context)}; execbench {commit(context)}"]
    changed = str(context.get("execbench_flags_changed") or "").strip()
    if changed:
        lines += textwrap.wrap(f"flags changed from their defaults: {changed}",
                               width=_CAPTION_WIDTH, break_long_words=False)
    return "\n".join(lines)


def machine(context: dict) -> str:
    """The host, its CPU count and model: "vm, 2 CPUs, AMD EPYC"."""
    parts = [str(context.get("host_name") or "unknown host")]
    if "num_cpus" in context:
        parts.append(f"{context['num_cpus']} CPUs")
    if context.get("execbench_cpu_model"):
        parts.append(str(context["execbench_cpu_model"]))
    return ", ".join(parts)


def commit(context: dict) -> str:
    """The execbench commit built, 12 hex digits, "+dirty" when it had
    changes; "unknown" when the context does not say."""
    built = str(context.get("execbench_commit") or "unknown")
    if built != "unknown":
        built = built[:12]
    if context.get("execbench_commit_dirty") == "true":
        built += "+dirty"
    return built
