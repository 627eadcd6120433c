"""timeline-WORKLOAD-EXECUTOR-wWORKERS: one bar per task of the benchmark's
last batch, from its start to its stop, coloured by worker (spans file)."""

from matplotlib import figure as mpl_figure
from matplotlib import ticker

from execbench.charts import batch_parts
from execbench.charts import figure
from execbench.charts import style


ABOUT = ("One bar per task of the benchmark's last batch, from when it "
         "started to when it stopped, coloured by the worker that ran it; "
         "dotted: all workers ready; dashed: the batch's end.")


def jobs(charted):
    """The chart of a subjects.Batch."""
    yield figure.job("timeline", charted.name_parts, ABOUT, charted.context,
                     draw, charted.batch)


def draw(batch) -> mpl_figure.Figure:
    """One horizontal bar per task of the batch: when it ran, coloured by the
    worker that ran it.

    The bars are the first container of the figure's axes, in task order,
    in the time unit of the x axis label; a bar too thin to see is widened
    to a minimum width.
    """
    fig = figure.new_figure(
        batch_parts.height_for_rows(len(batch.spans), 0.12))
    axes = fig.add_subplot()
    scale = batch_parts.TimeScale(batch)
    worker_colours = style.worker_colours(batch.workers)
    axes.barh([span.task for span in batch.spans],
              [scale.width(span) for span in batch.spans],
              left=[scale.start(span) for span in batch.spans], height=0.8,
              color=[worker_colours[span.worker] for span in batch.spans],
              linewidth=0)
    axes.axvline(batch.startup_s / scale.seconds_per_unit, color="0.45",
                 linestyle=":", label="all workers ready")
    if not batch.capped:  # Else the end is far beyond the tasks shown.
        axes.axvline(batch.wall_s / scale.seconds_per_unit, color="0.45",
                     linestyle="--", label="batch end")
    batch_parts.worker_legend(axes, worker_colours)
    scale.set_limits(axes)
    axes.set_xlabel(scale.label)
    axes.set_ylabel("Task")
    axes.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    tasks = [span.task for span in batch.spans]
    # From the first task at the top to the last, with no tick beyond them.
    axes.set_ylim(max(tasks) + 0.5, min(tasks) - 0.5)
    axes.set_title(f"{batch.base_name}: when each task ran"
                   + batch_parts.capped_note(batch))
    return fig
