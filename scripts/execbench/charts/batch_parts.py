"""What the charts of one batch share (timeline, lanes): the time axis, the
legend of workers, the height, and the title's note on capped spans.

The time unit (s, ms, µs) suits the batch, the axis starts at the batch
start, every worker has its own colour and a legend entry, and tasks too
short to see are drawn a little wider.
"""

from matplotlib import patches

from execbench import formatting

# Bars are drawn at least this share of the time axis wide (about 1.5 pixels
# of a PNG), so that the shortest tasks still show.
_MIN_BAR_SHARE = 0.002


class TimeScale:
    """The time axis of a batch's timeline and lanes: from 0 at the batch
    start to its end (for a capped batch, to the last kept span), in a unit
    chosen from that span (s, ms, µs), with bars at least _MIN_BAR_SHARE of
    the axis wide, so that microsecond tasks stay visible."""

    def __init__(self, batch):
        last_s = max([0.0 if batch.capped else batch.wall_s,
                      *(span.stop_s for span in batch.spans)])
        unit, self.seconds_per_unit = formatting.time_unit(
            [max(last_s, 1e-9)])
        self.label = f"Time since the batch started ({unit})"
        self.axis_span = last_s / self.seconds_per_unit

    def start(self, span) -> float:
        return span.start_s / self.seconds_per_unit

    def width(self, span) -> float:
        return max(span.duration_s / self.seconds_per_unit,
                   _MIN_BAR_SHARE * self.axis_span)

    def set_limits(self, axes) -> None:
        axes.set_xlim(0, self.axis_span * 1.02)


def worker_legend(axes, worker_colours: list) -> None:
    """A legend beside the axes: a patch per worker, in columns when there
    are many, then the axes' own labelled lines."""
    handles = [patches.Patch(color=colour, label=f"worker {worker}")
               for worker, colour in enumerate(worker_colours)]
    handles += axes.get_legend_handles_labels()[0]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1),
                fontsize="x-small" if len(handles) > 12 else "small",
                ncols=1 + len(handles) // 24, title="colour: worker",
                title_fontsize="small")


def height_for_rows(rows: int, inches_per_row: float) -> float:
    """The figure's height in inches for rows of bars, within 3 and 8."""
    return min(max(1.6 + inches_per_row * rows, 3.0), 8.0)


def capped_note(batch) -> str:
    """The title's second line when only the first spans were kept."""
    if not batch.capped:
        return ""
    return f"\n(first {len(batch.spans)} of {batch.tasks} tasks)"
