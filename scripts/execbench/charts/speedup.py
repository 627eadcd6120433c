"""speedup-WORKLOAD: speedup over Serial against workers, its intervals
(analysis/speedups.py) as error bars; the ideal rises to the core count
(num_cpus) and runs flat beyond; the measured parallel ceiling when the run
has it. Needs the workload's Serial at workers:1."""

from matplotlib import figure as mpl_figure

from execbench import formatting
from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import scaling


def jobs(workload):
    """The chart of a subjects.Workload, when it has speedups."""
    if workload.has_speedups:
        yield figure.job("speedup", (workload.name,), draw, workload)


def draw(workload) -> mpl_figure.Figure:
    """Speedup over Serial against workers, with the ideal and the ceiling.

    The ideal rises with the workers up to the core count (num_cpus) and
    runs flat beyond it; without num_cpus it is y = x. The machine's
    measured ceiling (execbench_parallel_ceiling_start/end), when the run
    has it, is drawn too. Error bars are the speedups' intervals
    (speedups.py).
    """
    cores = speedups.core_count(workload.context)
    fig = scaling.scaling_figure(
        workload, value=lambda point: point.speedup,
        interval=lambda point: point.speedup_interval,
        ylabel="Speedup over Serial (median / median)",
        title=f"{workload.name}: speedup over Serial",
        baseline=1.0,
        ideal=lambda workers: speedups.useful_workers(workers, cores),
        ideal_label=("ideal (y = x)" if cores is None else
                     f"ideal (min(workers, {cores} cores))"),
        cores=cores)
    axes = fig.axes[0]
    for when, linestyle in (("start", "-."), ("end", (0, (1, 3)))):
        ceiling = _context_number(
            workload.context, f"execbench_parallel_ceiling_{when}")
        if ceiling is not None:
            axes.axhline(ceiling, color="0.3", linestyle=linestyle,
                         linewidth=1.0,
                         label=f"measured ceiling, {when} of run "
                         f"({formatting.format_ratio(ceiling)})")
    axes.legend(fontsize="small")
    return fig


def _context_number(context: dict, key: str) -> float | None:
    """The context's value as a positive number; None if absent or not one."""
    try:
        number = float(context[key])
    except (KeyError, TypeError, ValueError):
        return None
    return number if number > 0 else None
