"""After the tables, "Taken on a noisy machine": why the whole run or a
benchmark's repetitions may have measured a machine that was not theirs
alone (analysis/machine_health.py, docs/noise.md), when anything says so."""

from execbench.analysis import machine_health
from execbench.tables import markup

TITLE = "Taken on a noisy machine"


def render(results, fmt: str) -> str:
    """The notes as a list in "md" or "tex"; "" when nothing says the
    machine was noisy."""
    lines = [f"the whole run: {note}"
             for note in machine_health.run_notes(results.context)]
    lines += [f"{name}: {'; '.join(notes)}" for name, notes in
              machine_health.noisy_benchmarks(results).items()]
    if not lines:
        return ""
    if fmt == "md":
        return f"{TITLE}:\n\n" + "".join(f"- {line}\n" for line in lines)
    return (f"\\paragraph{{{TITLE}}}\n" + "".join(
        f"{markup.latex_escape(line)}\\\\\n" for line in lines))
