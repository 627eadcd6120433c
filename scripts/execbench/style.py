"""How execbench presents results: colours, units, captions, file settings.

Colours are the Okabe-Ito palette, which stays distinguishable with the
common forms of colour blindness. Each executor has one colour and one
marker, from one table (EXECUTOR_STYLES), whichever executors a chart shows,
so that an executor looks the same in every chart; the Serial baseline is
dashed, so that charts read in greyscale too. In the charts of one batch
(timeline, lanes) colour means the worker, and no two workers of a batch
share one (worker_colours). Saved files are reproducible: the same input
gives byte-identical SVG and PDF, whatever the date or SOURCE_DATE_EPOCH.
"""

import dataclasses
import textwrap
import zlib

import matplotlib
from matplotlib import colormaps
from matplotlib import colors

matplotlib.use("Agg")

OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442",
             "#0072B2", "#D55E00", "#CC79A7")


@dataclasses.dataclass(frozen=True)
class ExecutorStyle:
    """How an executor is drawn in every chart."""

    colour: str
    marker: str


# The baseline first, then the executors the suite knows, in this order.
EXECUTOR_STYLES = {
    "Serial": ExecutorStyle("#000000", "o"),
    "Threads": ExecutorStyle("#0072B2", "s"),
    "Processes": ExecutorStyle("#D55E00", "^"),
    "Tbb": ExecutorStyle("#009E73", "D"),
    "OpenMp": ExecutorStyle("#CC79A7", "v"),
    "Async": ExecutorStyle("#E69F00", "P"),
    "EventLoop": ExecutorStyle("#56B4E9", "X"),
    "Mpi": ExecutorStyle("#F0E442", "*"),
}
EXECUTOR_ORDER = tuple(EXECUTOR_STYLES)
# For executors the table does not know yet: colours outside Okabe-Ito and
# markers outside the table, chosen by a hash of the name (stable across
# runs, unlike Python's hash()).
_FALLBACK_COLOURS = ("#7F7F7F", "#8C564B", "#17BECF", "#BCBD22", "#9467BD")
_FALLBACK_MARKERS = ("<", ">", "p", "h", "d", "8")
# Colours of workers: the palette without black, which is the colour of text
# and baselines, while it has enough; then larger qualitative maps; beyond
# them, evenly spaced colours of a map whose neighbours still differ.
_WORKER_PALETTES = (OKABE_ITO[1:], colormaps["tab10"].colors,
                    colormaps["tab20"].colors)
_MANY_WORKERS_MAP = colormaps["turbo"]

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

# Characters of a caption line that fit the width of a chart.
_CAPTION_WIDTH = 110
_TIME_UNITS = (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9))


def sort_executors(executors) -> list:
    """Executors in EXECUTOR_ORDER, then any others in the order given."""
    unique = list(dict.fromkeys(executors))
    known = [executor for executor in EXECUTOR_ORDER if executor in unique]
    return known + [executor for executor in unique if executor not in known]


def executor_style(executor: str) -> ExecutorStyle:
    """The executor's colour and marker: from EXECUTOR_STYLES, or for an
    executor it lacks, a fallback that depends on the name alone."""
    if executor in EXECUTOR_STYLES:
        return EXECUTOR_STYLES[executor]
    digest = zlib.crc32(executor.encode("utf-8"))
    return ExecutorStyle(
        _FALLBACK_COLOURS[digest % len(_FALLBACK_COLOURS)],
        _FALLBACK_MARKERS[digest // len(_FALLBACK_COLOURS)
                          % len(_FALLBACK_MARKERS)])


def worker_colours(count: int) -> list:
    """Colours of workers 0..count-1 of one batch, all different (as
    "#rrggbb")."""
    for palette in _WORKER_PALETTES:
        if count <= len(palette):
            return [colors.to_hex(colour) for colour in palette[:count]]
    return [colors.to_hex(_MANY_WORKERS_MAP(index / (count - 1)))
            for index in range(count)]


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
    """The machine and the execbench commit of a run, on one line, then the
    suite flags that differed from their defaults (execbench_flags_changed),
    wrapped, when any did."""
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
    lines = [f"{', '.join(machine)}; execbench {commit}"]
    changed = str(context.get("execbench_flags_changed") or "").strip()
    if changed:
        lines += textwrap.wrap(f"flags changed from their defaults: {changed}",
                               width=_CAPTION_WIDTH, break_long_words=False)
    return "\n".join(lines)
