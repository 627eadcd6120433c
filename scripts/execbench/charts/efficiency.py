"""efficiency-WORKLOAD: speedup / min(workers, cores) against workers, the
ideal 1. Needs the workload's Serial at workers:1."""

from matplotlib import figure as mpl_figure

from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import scaling

ABOUT = ("Parallel efficiency, speedup over Serial / min(workers, cores), "
         "against workers, a line per executor; dotted: the ideal, 1.")


def jobs(workload):
    """The chart of a subjects.Workload, when it has speedups."""
    if workload.has_speedups:
        yield figure.job("efficiency", (workload.name,), ABOUT,
                         workload.context, draw, workload)


def draw(workload) -> mpl_figure.Figure:
    """Speedup / min(workers, cores) against workers, with the ideal 1."""
    return scaling.scaling_figure(
        workload, value=lambda point: point.efficiency,
        ylabel=("Efficiency (speedup / workers)"
                if speedups.core_count(workload.context) is None else
                "Efficiency (speedup / min(workers, cores))"),
        title=f"{workload.name}: parallel efficiency",
        baseline=None, ideal=lambda workers: 1.0, ideal_label="ideal (1)")
