"""scripts/ab --resample as text for a terminal or JSON for programs
(analysis/resampled_trials.py, docs/regressions.md): per trial, the rounds
it took, its estimated time, its exit code and what it called; in total,
the rates of trials that called anything, something slower (exit 1) and
something faster, with their exact intervals, per workload how often its
summary and its rows were called, the rounds and estimated time per trial,
the trials that ran out of rounds, and the caveats.
"""

import json
import statistics

from execbench.analysis import paired_verdicts
from execbench.analysis import resampled_trials
from execbench.reports import paired_comparison
from execbench.tables import markup

Verdict = paired_verdicts.Verdict
_CHANGES = (Verdict.SLOWER, Verdict.FASTER)
# A line per trial names up to this many rows called one way, else counts.
_NAMED_ROWS = 3
ESTIMATED = ("estimated from the file's rounds: each round's seconds scaled "
             "by the share of its time that the rows the trial ran took, "
             "each in proportion to its batches' times")
_SHIFTED = ("NEW's values shifted before the trials (--shift: a known change "
            "put on the file's measured values, not measured)")
NOT_INDEPENDENT = ("NOTE: trials share the file's rounds, so they are not "
                   "independent; the intervals assume independence, so the "
                   "true uncertainty is larger")


def _trial_exit(trial: resampled_trials.Trial) -> int:
    """The exit code scripts/ab would have given."""
    return 1 if trial.called(Verdict.SLOWER) else 0


def _names(outcomes) -> list:
    return [f"{outcome.name} (workload)" if outcome.summary else outcome.name
            for outcome in outcomes]


def _briefly(outcomes) -> str:
    """The called rows and summaries for a line per trial: the summaries by
    name, the rows by name when few, else by count."""
    rows = [outcome for outcome in outcomes if not outcome.summary]
    named = _names(rows) if len(rows) <= _NAMED_ROWS else [f"{len(rows)} rows"]
    return ", ".join(named + _names(outcome for outcome in outcomes
                                    if outcome.summary))


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def _share(count: int, trials: int) -> str:
    return f"{count / trials:.1%}"


def _rate(rate) -> str:
    return (f"{rate.count} of {rate.trials} = {rate.share:.1%} (95% "
            f"interval {rate.low:.1%} to {rate.high:.1%}, exact "
            "Clopper-Pearson)")


def _spread(values: list) -> dict:
    return {"median": statistics.median(values), "max": max(values)}


def _ran_out_warning(resampling: resampled_trials.Resampling) -> list:
    if not resampling.biased():
        return []
    ran_out, trials = resampling.ran_out(), len(resampling.trials)
    return [f"WARNING: {ran_out} of {trials} trials "
            f"({_share(ran_out, trials)}) ran out of rounds: the rates are "
            "biased towards FEWER VERDICTS (rows the rule still wanted end "
            "undecided); make a longer fixed-design run"]


def _head(resampling: resampled_trials.Resampling, measurement) -> list:
    """The warnings, the sides, and what was resampled how."""
    parameters = ", ".join(f"{name} {value:g}" for name, value in
                           resampling.parameters.as_json().items())
    lines = [*measurement.warnings, *_ran_out_warning(resampling),
             f"BASE: {paired_comparison.describe_side(measurement.base)}",
             f"NEW:  {paired_comparison.describe_side(measurement.new)}",
             f"{len(resampling.trials)} trials (seed {resampling.seed}; "
             f"--seed {resampling.seed} draws the same), each a random order "
             f"of the file's {resampling.pool} rounds that ran all "
             f"{len(resampling.rows)} rows, fed to the rule as scripts/ab "
             f"asks for them; the rule's parameters: {parameters}."]
    if resampling.budget_s is not None:
        lines.append(f"Budget: {_minutes(resampling.budget_s)} per trial, "
                     "as scripts/ab --budget: no round started that it "
                     "estimated to end past it.")
    if resampling.filter is not None:
        chosen = len(resampling.rows) + len(resampling.left_out)
        lines.append(f"Rows: the {chosen} of the file's "
                     f"{resampling.file_rows} that --filter "
                     f"{resampling.filter!r} searches; rounds' seconds "
                     "scaled by the share of their time that those took.")
    if resampling.shifts:
        lines.append(f"{_SHIFTED}: " + "; ".join(
            f"{shift.pattern} {shift.percent:+g}% ({rows} rows)"
            for shift, rows in resampling.shifts) + ".")
    if resampling.left_out:
        lines.append(f"Left out, as failed in the file: "
                     f"{', '.join(resampling.left_out)}.")
    return lines


def _trial_rows(resampling: resampled_trials.Resampling) -> list:
    rows = []
    for number, trial in enumerate(resampling.trials, 1):
        called = [f"{verdict.value}: {_briefly(found)}"
                  for verdict in _CHANGES
                  if (found := trial.called(verdict))]
        rows.append([
            str(number),
            f"{trial.stage_rounds(paired_verdicts.SCREENING)}+"
            f"{trial.stage_rounds(paired_verdicts.CONFIRMATION)}",
            _minutes(trial.seconds), str(_trial_exit(trial)),
            "yes" if trial.ran_out else "",
            *(["yes" if trial.over_budget else ""]
              if resampling.budget_s is not None else []),
            "; ".join(called)])
    return rows


def _workload_rows(resampling: resampled_trials.Resampling) -> list:
    trials = len(resampling.trials)
    return [[workload.name,
             *((_share(workload.summary_slower, trials),
                _share(workload.summary_faster, trials))
               if workload.has_summary else ("-", "-")),
             _share(workload.row_slower, trials),
             _share(workload.row_faster, trials)]
            for workload in resampling.workloads()]


def _totals(resampling: resampled_trials.Resampling) -> list:
    rounds = [len(trial.rounds) for trial in resampling.trials]
    seconds = [trial.seconds for trial in resampling.trials]
    trials = len(resampling.trials)
    return [
        "Trials that called anything slower or faster (for an A/A file, the "
        f"false-alarm rate): {_rate(resampling.rate(*_CHANGES))}.",
        "Trials that called something slower, exit 1 (with a known "
        "slowdown of NEW, the detection rate): "
        f"{_rate(resampling.rate(Verdict.SLOWER))}.",
        "Trials that called something faster: "
        f"{_rate(resampling.rate(Verdict.FASTER))}.",
        "Rows and workload summaries called per trial: mean "
        f"{resampling.mean_called(Verdict.SLOWER):.2f} slower, "
        f"{resampling.mean_called(Verdict.FASTER):.2f} faster.",
        f"Rounds per trial: median {statistics.median(rounds):g}, max "
        f"{max(rounds)}; time per trial: median "
        f"{_minutes(statistics.median(seconds))}, max "
        f"{_minutes(max(seconds))} ({ESTIMATED}).",
        f"Ran out of rounds: {resampling.ran_out()} of {trials} trials "
        f"({_share(resampling.ran_out(), trials)}).",
        *([f"Stopped at the budget, rows that wanted more undecided: "
           f"{resampling.over_budget()} of {trials} trials "
           f"({_share(resampling.over_budget(), trials)})."]
          if resampling.budget_s is not None else []),
        NOT_INDEPENDENT]


def format_text(resampling: resampled_trials.Resampling,
                measurement) -> str:
    """The head, a line per trial, the workloads' table, the totals."""
    lines = [*_head(resampling, measurement), ""]
    lines += markup.aligned_lines(
        ["Trial", "Rounds", "Time (est.)", "Exit", "Ran out",
         *(["Budget"] if resampling.budget_s is not None else []),
         "Called"], _trial_rows(resampling), {4, 5, 6})
    lines += ["", "Share of trials that called each workload:", ""]
    lines += markup.aligned_lines(
        ["Workload", "Summary slower", "Summary faster", "A row slower",
         "A row faster"], _workload_rows(resampling), {0})
    lines += ["", *_totals(resampling)]
    return "\n".join(lines) + "\n"


def _rate_json(rate) -> dict:
    return {"trials": rate.count, "of": rate.trials, "rate": rate.share,
            "interval_95": [rate.low, rate.high]}


def format_json(resampling: resampled_trials.Resampling,
                measurement) -> str:
    """Everything of format_text, for programs."""
    trials = resampling.trials
    document = {
        "warnings": [*measurement.warnings, *_ran_out_warning(resampling)],
        "base": paired_comparison.describe_side(measurement.base),
        "new": paired_comparison.describe_side(measurement.new),
        "parameters": resampling.parameters.as_json(),
        "seed": resampling.seed, "pool_rounds": resampling.pool,
        "rows": list(resampling.rows), "left_out": list(resampling.left_out),
        "filter": resampling.filter, "file_rows": resampling.file_rows,
        "budget_s": resampling.budget_s,
        "shifts": [{"pattern": shift.pattern, "percent": shift.percent,
                    "rows": rows} for shift, rows in resampling.shifts],
        "totals": {
            "called_anything": _rate_json(resampling.rate(*_CHANGES)),
            "called_slower": _rate_json(resampling.rate(Verdict.SLOWER)),
            "called_faster": _rate_json(resampling.rate(Verdict.FASTER)),
            "mean_called": {verdict.value: resampling.mean_called(verdict)
                            for verdict in _CHANGES},
            "rounds": _spread([len(trial.rounds) for trial in trials]),
            "estimated_seconds": _spread([trial.seconds
                                          for trial in trials]),
            "ran_out": resampling.ran_out(),
            "over_budget": resampling.over_budget()},
        "workloads": [{
            "name": workload.name, "has_summary": workload.has_summary,
            "summary_slower": workload.summary_slower,
            "summary_faster": workload.summary_faster,
            "row_slower": workload.row_slower,
            "row_faster": workload.row_faster}
            for workload in resampling.workloads()],
        "trials": [{
            "screening_rounds": trial.stage_rounds(paired_verdicts.SCREENING),
            "confirmation_rounds": trial.stage_rounds(
                paired_verdicts.CONFIRMATION),
            "estimated_seconds": trial.seconds, "exit": _trial_exit(trial),
            "ran_out": trial.ran_out, "over_budget": trial.over_budget,
            **{verdict.value: _names(trial.called(verdict))
               for verdict in _CHANGES}} for trial in trials],
        "notes": [f"Seconds are {ESTIMATED}.", NOT_INDEPENDENT]}
    return json.dumps(document, indent=2) + "\n"


FORMATTERS = {"text": format_text, "json": format_json}
