"""Running bench to measure: the rounds of repetitions of scripts/run
(rounds.py) at the grid's sizes (grid_flags.py), one fresh process of
bench (one_process.py), the rounds of a record of scripts/record
(record.py), and for scripts/ab the builds of commits (builds.py), the
paired rounds of two benches (ab_rounds.py) and their runs under callgrind
(callgrind_runs.py). They run
bench as a child process and read its JSON with inputs/; rounds.py and
ab_rounds.py decide with analysis/ which benchmarks to run again.
"""
