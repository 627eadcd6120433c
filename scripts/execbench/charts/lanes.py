"""lanes-WORKLOAD-EXECUTOR-wWORKERS: one lane per worker with the tasks it
ran in the benchmark's last batch, coloured by worker (as in the timeline),
numbered by task (spans file)."""

from matplotlib import figure as mpl_figure

from execbench.charts import batch_parts
from execbench.charts import figure
from execbench.charts import style

_MAX_LABELLED_TASKS = 40
# Bars narrower than this share of the time axis are too thin for a label.
_MIN_LABELLED_SHARE = 0.03


ABOUT = ("One lane per worker with the tasks it ran in the benchmark's last "
         "batch, coloured by worker as in the timeline, numbered by task "
         "when there are few.")


def jobs(charted):
    """The chart of a subjects.Batch."""
    yield figure.job("lanes", charted.name_parts, ABOUT, charted.context,
                     draw, charted.batch)


def draw(batch) -> mpl_figure.Figure:
    """One lane per worker with the tasks it ran, coloured by the worker, as
    in the timeline.

    The bars are the first container of the figure's axes, in task order,
    in the time unit of the x axis label; a bar too thin to see is widened
    to a minimum width. Bars wide enough have white edges, which part a
    worker's consecutive tasks, and with few enough tasks, their task number.
    """
    fig = figure.new_figure(batch_parts.height_for_rows(batch.workers, 0.35))
    axes = fig.add_subplot()
    scale = batch_parts.TimeScale(batch)
    worker_colours = style.worker_colours(batch.workers)
    wide = [span.duration_s / scale.seconds_per_unit
            >= _MIN_LABELLED_SHARE * scale.axis_span for span in batch.spans]
    bars = axes.barh(
        [span.worker for span in batch.spans],
        [scale.width(span) for span in batch.spans],
        left=[scale.start(span) for span in batch.spans], height=0.7,
        color=[worker_colours[span.worker] for span in batch.spans],
        edgecolor="white", linewidth=[0.5 if edged else 0 for edged in wide])
    scale.set_limits(axes)
    if len(batch.spans) <= _MAX_LABELLED_TASKS:
        axes.bar_label(
            bars, label_type="center", fontsize="x-small",
            labels=[str(span.task) if labelled else ""
                    for span, labelled in zip(batch.spans, wide)])
    batch_parts.worker_legend(axes, worker_colours)
    _label_lanes(axes, batch)
    axes.set_ylim(batch.workers - 0.5, -0.5)
    axes.grid(axis="y", visible=False)
    axes.set_xlabel(scale.label)
    axes.set_title(f"{batch.base_name}: tasks on each worker"
                   + batch_parts.capped_note(batch))
    return fig


def _label_lanes(axes, batch) -> None:
    """Names each worker's lane, with its host when the batch ran on hosts,
    and says whether the bars carry task numbers."""
    axes.set_yticks(range(batch.workers))
    on_bars = (" (numbers on bars: tasks)"
               if len(batch.spans) <= _MAX_LABELLED_TASKS else "")
    if len(batch.hosts) == batch.workers:
        axes.set_yticklabels([f"{worker} ({host})"
                              for worker, host in enumerate(batch.hosts)])
        axes.set_ylabel("Worker (host)" + on_bars)
    else:
        axes.set_ylabel("Worker" + on_bars)
