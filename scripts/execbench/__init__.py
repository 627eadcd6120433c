"""execbench's Python side: reads what bench wrote and turns it into charts,
tables, advice, an HTML report and comparisons of records.

A folder is a role, and the roles are layers. Listed from the top down, a
layer may import the layers below it, never one above, and the folders of
one layer do not import each other; only charts/ imports matplotlib.
tests/python/test_layers.py holds the package to this.

  commands/   the scripts of scripts/: argparse and main() of each, which
              parse, call the layers below and write.
  reports/    what a reader reads: the HTML page of a run, the advice as
              text or Markdown, a comparison of records or of scripts/ab
              as text, Markdown or JSON.
  running/    runs bench: the rounds of repetitions of scripts/run, a
              record of scripts/record, the builds and paired rounds of
              scripts/ab.
  charts/     the chart families, listed in charts/__init__.py, with their
              shared figure, style and process pool.
  tables/     the tables of scripts/tables, listed in tables/__init__.py,
              on their shared markup.
  analysis/   numbers only: statistics, speedups, METG, machine health,
              comparison, history, advice, repetitions, paired verdicts.
  inputs/     what bench, scripts/record and scripts/ab wrote: bench JSON,
              spans, sizes, environments, records, paired rounds.
  formatting.py, command_line.py, atomic_file.py: units, numbers, captions
              and the order of executors; the rules of every script for bad
              input and stop signals; output files written whole or not at
              all, new ones under names of their own.
  interruption.py  how a script stops at SIGINT, SIGTERM or SIGHUP: its
              children with it, nothing left behind.

Where a new thing goes: a chart is a family module in charts/ added to
charts.FAMILIES; a table is a module in tables/ added to tables.TABLES; a
statistic goes in analysis/; a reader of a new file of bench in inputs/; a
script is commands/<name>.py and scripts/<name>, which calls
commands.run("<name>"). The recipes are in docs/development.md; what each
output means is in docs/running.md, docs/reporting.md, docs/granularity.md,
docs/noise.md and docs/regressions.md.
"""
