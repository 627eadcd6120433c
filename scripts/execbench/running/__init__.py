"""Running bench to measure: the rounds of repetitions of scripts/run
(rounds.py) and the record of scripts/record (record.py). Both run bench as
a child process and read its JSON with inputs/, and rounds.py decides with
analysis/ which benchmarks to repeat.
"""
