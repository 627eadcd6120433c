"""How execbench presents results: colours, units, captions, file settings.

Colours are the Okabe-Ito palette, which stays distinguishable with the
common forms of colour blindness; each executor's line also has its own
marker, and the Serial baseline is dashed, so that charts read in greyscale
too. Saved files are reproducible: the same input gives byte-identical SVG
and PDF, whatever the date or SOURCE_DATE_EPOCH.
"""

import itertools

import matplotlib

matplotlib.use("Agg")

OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442",
             "#0072B2", "#D55E00", "#CC79A7")
# The baseline first, then the executors the suite knows, in this order.
EXECUTOR_ORDER = ("Serial", "Threads", "Processes", "Tbb", "OpenMp", "Async",
                  "EventLoop")
_EXECUTOR_COLOURS = {"Serial": "#000000", "Threads": "#0072B2",
                     "Processes": "#D55E00", "Tbb": "#009E73",
                     "OpenMp": "#CC79A7", "Async": "#E69F00",
                     "EventLoop": "#56B4E9"}
_OTHER_COLOURS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
# Colours of numbered things (tasks, workers): the palette without black,
# which is the colour of text and baselines.
_NUMBERED_COLOURS = OKABE_ITO[1:]

RC_PARAMS = {
    "pdf.fonttype": 42,  # Embed TrueType fonts, as publishers ask.
    "svg.hashsalt": "execbench",  # Fixed ids instead of random ones.
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
}
PNG_DPI = 150
# Per format: savefig's metadata without dates, so re-runs give equal bytes.
FILE_METADATA = {
    "png": {},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}

_TIME_UNITS = (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9))


def sort_executors(executors) -> list:
    """Executors in EXECUTOR_ORDER, then any others in the order given."""
    unique = list(dict.fromkeys(executors))
    known = [executor for executor in EXECUTOR_ORDER if executor in unique]
    return known + [executor for executor in unique if executor not in known]


def executor_colours(executors: list) -> dict:
    """executor -> colour: fixed ones for the known, the others in turn."""
    others = itertools.cycle(_OTHER_COLOURS)
    return {executor: _EXECUTOR_COLOURS.get(executor) or next(others)
            for executor in executors}


def executor_marker(index: int) -> str:
    """The marker of the index-th executor in sort_executors order."""
    return _MARKERS[index % len(_MARKERS)]


def numbered_colour(number: int) -> str:
    """The colour of task or worker `number`; colours repeat after seven."""
    return _NUMBERED_COLOURS[number % len(_NUMBERED_COLOURS)]


def has_distinct_colours(count: int) -> bool:
    """Whether numbers 0..count-1 all get different colours."""
    return count <= len(_NUMBERED_COLOURS)


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


def format_ratio(value: float) -> str:
    """A speedup or efficiency: two decimals, or two digits when below 0.1."""
    return f"{value:.2f}" if value >= 0.095 else f"{value:.2g}"


def caption(context: dict) -> str:
    """One line naming the machine and the execbench commit of a run."""
    machine = [str(context.get("host_name") or "unknown host")]
    if "num_cpus" in context:
        machine.append(f"{context['num_cpus']} CPUs")
    if context.get("execbench_cpu_model"):
        machine.append(str(context["execbench_cpu_model"]))
    commit = str(context.get("execbench_commit") or "unknown")
    if commit != "unknown":
        commit = commit[:12]
    if context.get("execbench_commit_dirty") == "true":
        commit += "+dirty"
    return f"{', '.join(machine)}; execbench {commit}"
