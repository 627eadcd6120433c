"""Numbers from the inputs (inputs/): statistics and what they mean. Nothing
here draws or imports matplotlib; the words some of it returns (notes,
advice) are plain text, marked up by the layers above.

  statistics.py      intervals of medians.
  speedups.py        the grid's medians, speedups, efficiencies; cores.
  metg.py            METG(50%) of the granularity sweep (docs/granularity.md).
  machine_health.py  notes on a noisy machine (docs/noise.md).
  record_comparison.py  two records compared by the rule of scripts/ab,
                     all at once (docs/regressions.md).
  history.py         each benchmark over a machine's records.
  advice.py          which executor and workers to use, per workload.
  repetitions.py     which benchmarks need more repetitions; rounds merged.
  paired_statistics.py  signed-rank test, Hodges-Lehmann, Qn of paired
                     log-ratios.
  paired_verdicts.py the rule of scripts/ab: slower, faster, same,
                     undecided, from paired rounds, sequential or all at
                     once (docs/regressions.md).
  countable_rows.py  which rows ab --instructions can count, and why not.
  exact_verdicts.py  the rule of ab --instructions: any difference in a
                     deterministic instruction count is a change.
"""
