"""What every chart shares: the figure with its caption, the house settings
of matplotlib, the file formats and names.

Saved files are reproducible: the same input gives byte-identical SVG and
PDF, whatever the date or SOURCE_DATE_EPOCH (FILE_METADATA has no dates,
svg.hashsalt fixes the ids).
"""

import functools
import io
import re

import matplotlib
from matplotlib import figure as mpl_figure
from matplotlib import layout_engine

from execbench import formatting

matplotlib.use("Agg")

FORMATS = ("png", "svg", "pdf")
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
_CAPTION_HEIGHT_IN = 0.3
_WIDTH_IN = 6.4


def new_figure(context: dict, height_in: float) -> mpl_figure.Figure:
    """An empty figure with the caption (machine, commit, flags changed) at
    its foot."""
    caption = formatting.caption(context)
    caption_share = (_CAPTION_HEIGHT_IN * (caption.count("\n") + 1)
                     / height_in)
    fig = mpl_figure.Figure(
        figsize=(_WIDTH_IN, height_in),
        layout=layout_engine.ConstrainedLayoutEngine(
            rect=(0, caption_share, 1, 1 - caption_share)))
    fig.text(0.5, 0.01, caption, ha="center", va="bottom",
             fontsize="small", color="0.3")
    return fig


def draw_in_style(draw) -> mpl_figure.Figure:
    """The figure that draw() makes under the house settings (RC_PARAMS)."""
    with matplotlib.rc_context(RC_PARAMS):
        return draw()


def file_content(fig: mpl_figure.Figure, file_format: str) -> bytes:
    """The figure as a file of one of FORMATS, under the house settings."""
    content = io.BytesIO()
    with matplotlib.rc_context(RC_PARAMS):
        fig.savefig(content, format=file_format, dpi=PNG_DPI,
                    metadata=FILE_METADATA[file_format])
    return content.getvalue()


def job(kind: str, name_parts: tuple, draw, *args) -> tuple:
    """A chart job: (file name stem, function drawing the figure), the stem
    the kind and the name parts joined (see stem), the function draw(*args).
    """
    return stem(kind, *name_parts), functools.partial(draw, *args)


def stem(*parts: str) -> str:
    """A file name stem of the parts joined by '-', every character but
    letters, digits, '-', '_' and '.' made '_'."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", "-".join(parts))
