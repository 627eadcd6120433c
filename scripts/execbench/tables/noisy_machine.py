"""After the tables, "Taken on a noisy machine": why the whole run or a
benchmark's repetitions may have measured a machine that was not theirs
alone (analysis/machine_health.py, docs/noise.md), when anything says so.

It opens with a summary that says what to do (how many benchmarks, and the
command that reruns their workloads when the machine is quiet), then lists
each note.
"""

from execbench.analysis import machine_health
from execbench.tables import markup

TITLE = "Taken on a noisy machine"


def render(results, fmt: str) -> str:
    """The summary, then the notes as a list, in "md" or "tex"; "" when
    nothing says the machine was noisy."""
    lines = note_lines(results)
    if not lines:
        return ""
    what_to_do = summary(results)
    if fmt == "md":
        return (f"{TITLE}: {what_to_do}\n\n"
                + "".join(f"- {line}\n" for line in lines))
    return (f"\\paragraph{{{TITLE}}} {markup.latex_escape(what_to_do)}\n\n"
            + "".join(f"{markup.latex_escape(line)}\\\\\n" for line in lines))


def note_lines(results) -> list:
    """One line per note: the whole run's, then each benchmark's."""
    lines = [f"the whole run: {note}"
             for note in machine_health.run_notes(results.context)]
    return lines + [f"{name}: {'; '.join(notes)}" for name, notes in
                    machine_health.noisy_benchmarks(results).items()]


def summary(results) -> str:
    """What the notes mean and what to do, in one sentence; "" when there
    is no note."""
    run_notes = machine_health.run_notes(results.context)
    noisy = machine_health.noisy_benchmarks(results)
    parts = []
    if run_notes:
        parts.append("the machine could not run all its cores at once (its "
                     "parallel ceiling), so every speedup may be low")
    if noisy:
        one = len(noisy) == 1
        parts.append(f"{len(noisy)} benchmark{'' if one else 's'} had CPU "
                     "stolen or bursts of preemption in a repetition, which "
                     f"may move {'its median' if one else 'their medians'}")
    if not parts:
        return ""
    command = "scripts/run"
    if not run_notes:
        workloads = sorted({name.split("/")[0] for name in noisy})
        command += f" --benchmark_filter='^({'|'.join(workloads)})/'"
    return (f"{'; '.join(parts)}. Rerun when the machine is quiet: "
            f"{command}.")
