"""Charts of execbench results: PNG for the README and docs/, SVG and PDF for
papers (docs/reporting.md).

A chart family is a module that draws one kind of chart, one per subject of
a run (subjects.py): a workload of the grid, a batch of the spans file, an
executor of the granularity sweep. FAMILIES is the one list of the families
that scripts/charts draws; a family never imports it. Each family has
jobs(subject), which yields the subject's chart job if the family charts
it (figure.job: the file name stem and the function drawing the figure),
and draw(...), the figure itself; each family's docstring says what its
chart shows. Every chart carries a caption naming the machine, the execbench
commit and the suite flags that differed from their defaults.

  wall-WORKLOAD, speedup-WORKLOAD, efficiency-WORKLOAD, executors-WORKLOAD
  timeline-WORKLOAD-EXECUTOR-wWORKERS, lanes-WORKLOAD-EXECUTOR-wWORKERS
  metg-EXECUTOR

Shared by the families: figure.py (the figure, its caption, the house
settings and file names), style.py (colours and markers), scaling.py (the
charts against workers), batch_parts.py (the charts of one batch). writing.py
draws and writes chart jobs on every core. history.py charts the records of
a machine for scripts/history.
"""

from execbench.charts import efficiency
from execbench.charts import executors
from execbench.charts import lanes
from execbench.charts import metg
from execbench.charts import speedup
from execbench.charts import subjects
from execbench.charts import timelines
from execbench.charts import wall

# Per kind of subject, in this order, the families that draw a chart of
# each subject of that kind, in this order.
FAMILIES = (
    (subjects.workloads, (wall, speedup, efficiency, executors)),
    (subjects.batches, (timelines, lanes)),
    (subjects.sweep_executors, (metg,)),
)


def chart_jobs(run: subjects.Run):
    """Yields (file name stem, function drawing the figure) for every chart
    of the run: subject by subject, each family's chart of it in turn."""
    for subjects_of, families in FAMILIES:
        for subject in subjects_of(run):
            for family in families:
                yield from family.jobs(subject)
