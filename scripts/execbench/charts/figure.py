"""What every chart shares: the figure and its size, the house settings of
matplotlib, the legend beside the data, the chart job with its caption, the
file formats and names.

A chart is drawn at one of SIZES: "screen" for the report and docs, and for
papers "column" (3.5 in, one column of a two-column page) and "page" (7 in,
both columns), with fonts sized to match. A figure carries no caption: each
chart job has its caption (what the chart shows; the machine, the execbench
commit and the suite flags changed), written beside the chart as
NAME.caption.txt, for the figure's caption in a paper.

Saved files are reproducible: the same input gives byte-identical PNG, SVG
and PDF, whatever the date or SOURCE_DATE_EPOCH (FILE_METADATA has no
dates, svg.hashsalt fixes the ids). PDF and SVG embed their fonts (TrueType
in PDF, paths in SVG). PNG is reduced to a palette of PNG_COLOURS colours,
a quarter of the bytes of full colour for the same look.
"""

import dataclasses
import functools
import io
import re

import matplotlib
from matplotlib import figure as mpl_figure
from PIL import Image

from execbench import formatting

matplotlib.use("Agg")

FORMATS = ("png", "svg", "pdf")
RC_PARAMS = {
    "pdf.fonttype": 42,  # Embed TrueType fonts, as publishers ask.
    "svg.fonttype": "path",  # Text as paths: no font needed to show it.
    "svg.hashsalt": "execbench",  # Fixed ids instead of random ones.
    "font.family": "DejaVu Sans",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
}
PNG_DPI = 150
PNG_COLOURS = 64
# Per format: savefig's metadata without dates, so re-runs give equal bytes.
FILE_METADATA = {
    "png": {},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}
CAPTION_SUFFIX = ".caption.txt"


@dataclasses.dataclass(frozen=True)
class Size:
    """A figure width and the font size that reads well at it."""

    width_in: float
    font_pt: float


SIZES = {
    "screen": Size(6.4, 9),
    "column": Size(3.5, 7),
    "page": Size(7.0, 8),
}
DEFAULT_SIZE = "screen"
# Heights are given for the screen width; narrower figures keep at least
# this share of them, for the fonts and legends that do not shrink.
_MIN_HEIGHT_SHARE = 0.75


@dataclasses.dataclass(frozen=True)
class Job:
    """A chart to draw: its file name stem, the function drawing it, and
    its caption."""

    stem: str
    draw: object  # Callable returning a matplotlib Figure.
    caption: str = ""  # "" for none.


def new_figure(height_in: float, scaled: bool = True) -> mpl_figure.Figure:
    """An empty figure of the width of the size drawn at (draw_in_style),
    laid out by constrained layout: height_in high, or when scaled, height_in
    high at the screen's width and relatively higher when narrower."""
    width = matplotlib.rcParams["figure.figsize"][0]
    share = (max(width / SIZES["screen"].width_in, _MIN_HEIGHT_SHARE)
             if scaled else 1.0)
    return mpl_figure.Figure(figsize=(width, height_in * share),
                             layout="constrained")


def legend_beside(axes, **options) -> None:
    """The axes' legend outside them, on the right, so that it never covers
    the data; constrained layout makes room for it."""
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1),
                fontsize="small", **options)


def draw_in_style(draw, size: str = DEFAULT_SIZE) -> mpl_figure.Figure:
    """The figure that draw() makes under the house settings (RC_PARAMS) at
    one of SIZES."""
    with matplotlib.rc_context(_rc_params(size)):
        return draw()


def file_content(fig: mpl_figure.Figure, file_format: str,
                 dpi: int = PNG_DPI) -> bytes:
    """The figure as a file of one of FORMATS, under the house settings."""
    content = io.BytesIO()
    with matplotlib.rc_context(RC_PARAMS):
        fig.savefig(content, format=file_format, dpi=dpi,
                    metadata=FILE_METADATA[file_format])
    if file_format != "png":
        return content.getvalue()
    content.seek(0)
    with Image.open(content) as image:
        palette = image.convert("RGB").quantize(
            colors=PNG_COLOURS, method=Image.Quantize.FASTOCTREE)
    reduced = io.BytesIO()
    palette.save(reduced, format="png")
    return reduced.getvalue()


def job(kind: str, name_parts: tuple, about: str, context: dict, draw,
        *args) -> Job:
    """A chart job: the stem the kind and the name parts joined (see stem),
    the function draw(*args), and the caption: `about`, what the chart
    shows, then where it was measured (formatting.caption of the context).
    """
    return Job(stem(kind, *name_parts), functools.partial(draw, *args),
               f"{about}\n{formatting.caption(context)}\n")


def stem(*parts: str) -> str:
    """A file name stem of the parts joined by '-', every character but
    letters, digits, '-', '_' and '.' made '_'."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", "-".join(parts))


def _rc_params(size: str) -> dict:
    chosen = SIZES[size]
    return {**RC_PARAMS, "font.size": chosen.font_pt,
            "figure.figsize": (chosen.width_in, 4.8)}
