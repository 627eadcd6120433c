"""Charts of execbench results: PNG for the report, the README and docs/,
SVG and PDF for papers, at a screen's width or a paper's one or two columns
(docs/reporting.md).

A chart family is a module that draws one kind of chart, one per subject
of a run (subjects.py): the whole run, a workload of the grid, a batch of
the spans file, the granularity sweep. FAMILIES is the one list of the
families that scripts/charts draws; a family never imports it. Each family
has ABOUT, what its chart shows; jobs(subject), which yields the subject's
chart job if the family charts it (figure.Job: the file name stem, the
function drawing the figure, and its caption: ABOUT, then the machine, the
execbench commit and the suite flags that differed from their defaults);
and draw(...), the figure itself.

  summary
  wall-WORKLOAD, speedup-WORKLOAD, efficiency-WORKLOAD, executors-WORKLOAD
  timeline-WORKLOAD-EXECUTOR-wWORKERS, lanes-WORKLOAD-EXECUTOR-wWORKERS
  metg

Shared by the families: figure.py (the figure and its sizes, the house
settings, the legend beside the data, chart jobs and file names), style.py
(colours, markers, line styles), scaling.py (the charts against workers),
batch_parts.py (the charts of one batch). writing.py draws chart jobs on
every core, and writes their files and captions. history.py charts the
records of a machine for scripts/history.
"""

from execbench.charts import efficiency
from execbench.charts import executors
from execbench.charts import lanes
from execbench.charts import metg
from execbench.charts import speedup
from execbench.charts import subjects
from execbench.charts import summary
from execbench.charts import timelines
from execbench.charts import wall

# Per kind of subject, in this order, the families that draw a chart of
# each subject of that kind, in this order.
FAMILIES = (
    (subjects.whole_run, (summary,)),
    (subjects.workloads, (wall, speedup, efficiency, executors)),
    (subjects.batches, (timelines, lanes)),
    (subjects.sweeps, (metg,)),
)


def chart_jobs(run: subjects.Run):
    """Yields the figure.Job of every chart of the run: subject by subject,
    each family's chart of it in turn."""
    for subjects_of, families in FAMILIES:
        for subject in subjects_of(run):
            for family in families:
                yield from family.jobs(subject)
