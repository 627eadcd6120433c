"""Tables mark results taken on a noisy machine (heavy steal, a low parallel
ceiling) and say why; analysis/machine_health.py decides what is noisy,
test_machine_health.py tests that, and test_compare.py how records drop
noisy rounds."""

import json

from conftest import benchmark_document
from execbench.commands import tables

CPU = "Cpu/Threads/workers:2"
NOOP = "Noop/Threads/workers:2"
# The steal each Cpu repetition saw: 4 of 5 above a tenth, 35% at the most.
CPU_STEAL = (0.3, 0.12, 0.05, 0.35, 0.2)
STEAL_NOTE = "steal up to 35% of CPU in 4 of 5 repetitions"


def write_noisy(tmp_path, name: str, *, ceiling: str = "1.95") -> str:
    """A record whose Cpu repetitions saw CPU_STEAL, with the given
    parallel ceiling at the start and end on 2 cores."""
    document = benchmark_document(
        {CPU: [100, 101, 99, 100, 102], NOOP: [1, 1, 1, 1, 1]},
        context={"execbench_parallel_ceiling_start": ceiling,
                 "execbench_parallel_ceiling_end": ceiling})
    cpu_steal = iter(CPU_STEAL)
    for row in document["benchmarks"]:
        if row["run_type"] == "iteration":
            row["steal_share"] = (next(cpu_steal)
                                  if row["name"].startswith("Cpu/") else 0.0)
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_tables_list_heavy_steal_and_a_low_ceiling(tmp_path, capsys):
    assert tables.main([write_noisy(tmp_path, "a.json", ceiling="1.1"),
                        "--format", "md"]) == 0
    out = capsys.readouterr().out
    notes = out[out.index("Taken on a noisy machine:"):]
    assert f"- {CPU}: {STEAL_NOTE}\n" in notes
    assert "- the whole run: parallel ceiling 1.10 of 2 cores at the start" \
        in notes
    assert NOOP not in notes


def test_latex_tables_list_the_notes_escaped(tmp_path, capsys):
    assert tables.main([write_noisy(tmp_path, "a.json", ceiling="1.1"),
                        "--format", "tex"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n" + "\n".join([
        r"\paragraph{Taken on a noisy machine} the machine could not run all "
        r"its cores at once (its parallel ceiling), so every speedup may be "
        r"low; 1 benchmark had CPU stolen or bursts of preemption in a "
        r"repetition, which may move its median. Rerun when the machine "
        r"is quiet: scripts/run.",
        "",
        r"the whole run: parallel ceiling 1.10 of 2 cores at the start\\",
        r"the whole run: parallel ceiling 1.10 of 2 cores at the end\\",
        rf"{CPU}: steal up to 35\% of CPU in 4 of 5 repetitions\\"]) + "\n")


def test_markdown_says_what_to_do_before_the_notes(tmp_path, capsys):
    assert tables.main([write_noisy(tmp_path, "a.json"), "--format",
                        "md"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "Taken on a noisy machine: 1 benchmark had CPU stolen or bursts of "
        "preemption in a repetition, which may move its median. Rerun "
        "when the machine is quiet: scripts/run "
        "--benchmark_filter='^(Cpu)/'.\n\n"
        f"- {CPU}: steal up to 35% of CPU in 4 of 5 repetitions\n")


def test_tables_say_nothing_of_a_quiet_machine(tmp_path, capsys, write_record):
    path = write_record("quiet.json", {CPU: [100, 101, 99]})
    assert tables.main([str(path), "--format", "tex"]) == 0
    assert "noisy" not in capsys.readouterr().out
