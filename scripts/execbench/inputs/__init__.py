"""What bench and scripts/record wrote, read and checked: the lowest layer
of execbench above its shared base (formatting, command_line, atomic_file).

  bench_json.py        Google Benchmark JSON of bench (a run's bench.json, a
                       record): benchmark names, runs, filters, InputError.
  spans.py             the spans file of bench --spans_out.
  sizes.py             which sizes a record measured, from its suite flags.
  environment.py       the guard of every comparison: one CPU, kernel,
                       compiler, library versions and build type.
  record_file.py       a record of scripts/record: its rounds of fresh
                       processes, in one JSON file, and two paired.
  records.py           where records live under results/history/, their
                       names, machine ids and commits.
  record_selection.py  the records a compare argument or a history names.
  paired_rounds.py     what scripts/ab measured: its sides and rounds, and
                       its JSON read back.
  callgrind_file.py    the task bodies' instructions in callgrind's output.
  instruction_counts.py  what scripts/ab --instructions counted.

Nothing here computes a statistic or draws; see docs/running.md for the
files and docs/regressions.md for records.
"""
