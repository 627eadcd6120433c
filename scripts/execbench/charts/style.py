"""The colours and markers of execbench's charts.

Colours are the Okabe-Ito palette, which stays distinguishable with the
common forms of colour blindness. Each executor has one colour, one
marker and one line style, from one table (EXECUTOR_STYLES, in
formatting.EXECUTOR_ORDER), whichever executors a chart shows, so that an
executor looks the same in every chart and charts read in greyscale too;
the Serial baseline is a dashed black line, the ideal a dotted grey one and
the measured parallel ceiling a grey band (REFERENCE_STYLES). In the charts of one batch (timeline, lanes) colour means the worker,
and no two workers of a batch share one (worker_colours).
"""

import dataclasses
import zlib

from matplotlib import colormaps
from matplotlib import colors

OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442",
             "#0072B2", "#D55E00", "#CC79A7")


@dataclasses.dataclass(frozen=True)
class ExecutorStyle:
    """How an executor is drawn in every chart."""

    colour: str
    marker: str
    linestyle: object = "-"  # A matplotlib line style.
    hatch: str = ""  # A matplotlib hatch, for bars.


# Every executor of formatting.EXECUTOR_ORDER, in that order.
EXECUTOR_STYLES = {
    "Serial": ExecutorStyle("#000000", "o", "-"),
    "Threads": ExecutorStyle("#0072B2", "s", "-"),
    "Processes": ExecutorStyle("#D55E00", "^", (0, (6, 2)), "//"),
    "Tbb": ExecutorStyle("#009E73", "D", "-.", "\\\\"),
    "OpenMp": ExecutorStyle("#CC79A7", "v", (0, (1, 1)), ".."),
    "Async": ExecutorStyle("#E69F00", "P", (0, (4, 1, 1, 1, 1, 1)), "xx"),
    "EventLoop": ExecutorStyle("#56B4E9", "X", (0, (8, 2, 2, 2)), "--"),
    "Mpi": ExecutorStyle("#F0E442", "*", (0, (3, 3)), "++"),
}
# How the lines every chart may compare executors with are drawn, as
# keyword arguments of matplotlib: told apart without colour.
REFERENCE_STYLES = {
    "baseline": {"color": "#000000", "linestyle": "--", "linewidth": 1.2},
    "ideal": {"color": "0.45", "linestyle": ":", "linewidth": 1.4},
    "ceiling": {"color": "0.6", "alpha": 0.35, "linewidth": 0},
}
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
