"""speedup-WORKLOAD: speedup over Serial against workers, its intervals
(analysis/speedups.py) as error bars; the ideal rises to the core count
(num_cpus) and runs flat beyond; the measured parallel ceiling when the run
has it. Needs the workload's Serial at workers:1."""

from matplotlib import figure as mpl_figure

from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import scaling

ABOUT = ("Speedup over Serial at 1 worker (median / median) against "
         "workers, a line per executor; error bars: intervals of at least "
         "95%; dotted: the ideal, min(workers, cores); grey band: the "
         "parallel ceiling measured at the start and end of the run; "
         "dashed: Serial.")


def jobs(workload):
    """The chart of a subjects.Workload, when it has speedups."""
    if workload.has_speedups:
        yield figure.job("speedup", (workload.name,), ABOUT, workload.context,
                         draw, workload)


def draw(workload) -> mpl_figure.Figure:
    """Speedup over Serial against workers, with the ideal and the ceiling.

    The ideal rises with the workers up to the core count (num_cpus) and
    runs flat beyond it; without num_cpus it is y = x. The machine's
    measured ceiling (execbench_parallel_ceiling_start/end), when the run
    has it, is a band. Error bars are the speedups' intervals (speedups.py).
    """
    cores = speedups.core_count(workload.context)
    fig = scaling.scaling_figure(
        workload, value=lambda point: point.speedup,
        interval=lambda point: point.speedup_interval,
        ylabel="Speedup over Serial",
        title=f"{workload.name}: speedup over Serial",
        baseline=1.0,
        ideal=lambda workers: speedups.useful_workers(workers, cores),
        ideal_label=("ideal (y = x)" if cores is None else
                     f"ideal (≤ {cores} cores)"),
        cores=cores)
    axes = fig.axes[0]
    if scaling.draw_ceiling(axes, workload.context):
        figure.legend_beside(axes)
    return fig
