"""Tests of the tables (tables/, scripts/tables): the numbers in the tables
and their layout."""

import json
import pathlib
import statistics
import subprocess

import pytest

import leftovers
from conftest import SCRIPTS
from conftest import raw_medians_s
from execbench import command_line
from execbench import tables
from execbench.analysis import speedups
from execbench.inputs import bench_json
from execbench.tables import answers
from execbench.tables import grid
from execbench.tables import markup
from execbench.tables import others

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
BENCH_1_7 = str(FIXTURES / "bench-1.7.json")
WITH_ERRORS = str(FIXTURES / "bench-errors.json")
# The suite's check of its own HTTP server, outside the grid.
API_SERVER = "ApiServer/concurrent_clients:256"
UNITS_PER_SECOND = {"ms": 1e3, "µs": 1e6}


def run_tables(*args: str) -> subprocess.CompletedProcess:
    return leftovers.run(["/usr/bin/python3", SCRIPTS / "tables", *args])


def markdown_rows(text: str) -> list:
    """The cells of each row of a Markdown table, its header first."""
    return [[cell.strip() for cell in line.strip("|").split("|")]
            for line in text.splitlines()
            if line.startswith("| ") and not line.startswith("| :--")]


def markdown_table_rows(text: str) -> dict:
    """(workload, executor, workers) -> every cell of its row, of the grid
    table, which follows the answers."""
    (block,) = [block for block in text.split("\n\n")
                if block.startswith("| Workload | Executor |")]
    header, *body = markdown_rows(block)
    assert header == list(grid.HEADER)
    return {tuple(row[:3]): row for row in body}


def markdown_cells(text: str) -> dict:
    """(workload, executor, workers) -> (median cell, speedup cell)."""
    median = grid.HEADER.index("Median wall time")
    speedup = grid.HEADER.index("Speedup over Serial")
    return {key: (row[median], row[speedup])
            for key, row in markdown_table_rows(text).items()}


def test_markdown_has_median_and_speedup_of_every_benchmark():
    medians = raw_medians_s(BENCH_1_7)
    completed = run_tables(BENCH_1_7, "--format", "md")
    assert completed.returncode == 0, completed.stderr
    cells = markdown_cells(completed.stdout)
    assert len(cells) == len(medians) - 1 == 10  # All but API_SERVER.
    units = {}
    for (workload, executor, workers), (median, speedup) in cells.items():
        name = f"{workload}/{executor}/workers:{workers}"
        serial = medians[f"{workload}/Serial/workers:1"]
        value, units[workload] = median.split(" ")
        assert float(value) == pytest.approx(
            medians[name] * UNITS_PER_SECOND[units[workload]], rel=5e-3)
        assert float(speedup) == pytest.approx(serial / medians[name],
                                               abs=5e-3)
    assert units == {"Cpu": "ms", "Noop": "µs"}
    assert cells[("Cpu", "Serial", "1")][1] == "1.00"
    assert ("vm, 2 CPUs, AMD EPYC; execbench cf8b0dbb1039+dirty"
            in completed.stdout)


def test_other_benchmarks_get_their_own_table():
    with open(BENCH_1_7, encoding="utf-8") as file:
        delay_ratios = [row["delay_ratio"]
                        for row in json.load(file)["benchmarks"]
                        if row["run_name"] == f"{API_SERVER}/manual_time"
                        and row["run_type"] == "iteration"]
    completed = run_tables(BENCH_1_7, "--format", "md")
    assert completed.returncode == 0, completed.stderr
    assert API_SERVER not in completed.stdout.split("**Other benchmarks**")[0]
    header, *body = markdown_rows(completed.stdout.split("\n\n")[-1])
    assert header == list(others.HEADER)
    ((name, median, delay_ratio),) = body
    assert name == API_SERVER
    value, unit = median.split(" ")
    assert float(value) == pytest.approx(
        raw_medians_s(BENCH_1_7)[API_SERVER] * UNITS_PER_SECOND[unit],
        rel=5e-3)
    assert float(delay_ratio) == pytest.approx(
        statistics.median(delay_ratios), rel=5e-3)


def test_other_benchmarks_without_delay_ratio_or_failed(tmp_path):
    path = tmp_path / "bench.json"
    path.write_text(json.dumps({"context": {}, "benchmarks": [
        {"name": "Cpu/Serial/workers:1/manual_time", "run_type": "iteration",
         "real_time": 2.0, "time_unit": "ms"},
        {"name": "Health/manual_time", "run_type": "iteration",
         "real_time": 2500.0, "time_unit": "ns"},
        {"name": "Server/clients:8/manual_time", "run_type": "iteration",
         "error_occurred": True, "error_message": "no port"}]}),
        encoding="utf-8")
    loaded = bench_json.load_results(str(path))
    assert others.other_rows(loaded) == [
        ("Health", "2.50 µs", "--"), ("Server/clients:8", "error", "error")]
    latex = tables.render(loaded, "tex")
    assert latex.splitlines()[-10:] == [
        "", "% Other benchmarks", r"\begin{tabular}{lrr}", r"\toprule",
        r"Benchmark & Median wall time & Median delay\_ratio \\",
        r"\midrule", r"Health & 2.50 $\mu$s & -- \\",
        r"Server/clients:8 & error & error \\", r"\bottomrule",
        r"\end{tabular}"]


def test_time_unit_suits_the_workload(tmp_path):
    path = tmp_path / "bench.json"
    path.write_text(json.dumps({"context": {}, "benchmarks": [
        {"name": f"Tiny/{executor}/workers:1/manual_time",
         "run_type": "iteration", "real_time": real_time, "time_unit": "ns"}
        for executor, real_time in (("Serial", 12345.0), ("Threads", 98765.0))
    ]}), encoding="utf-8")
    points = speedups.summarize(bench_json.load_results(str(path)))
    cells = markdown_cells(grid.markdown_table(points, {}))
    assert cells[("Tiny", "Serial", "1")] == ("12.3 µs", "1.00")
    assert cells[("Tiny", "Threads", "1")] == ("98.8 µs", "0.12")
    assert r"98.8 $\mu$s & n/a & 0.12 & n/a \\" in grid.latex_table(
        points, {})


def test_rows_are_ordered_by_workload_executor_and_workers():
    text = grid.markdown_table(
        speedups.summarize(bench_json.load_results(BENCH_1_7)), {})
    assert list(markdown_cells(text)) == [
        (workload, executor, workers) for workload in ("Cpu", "Noop")
        for executor, workers in (("Serial", "1"), ("Threads", "1"),
                                  ("Threads", "2"), ("Processes", "1"),
                                  ("Processes", "2"))]


def interleaved_results(tmp_path, names: list) -> bench_json.Results:
    """One run each of `names`, in that order, as random interleaving may
    leave them."""
    path = tmp_path / "bench.json"
    path.write_text(json.dumps({"context": {}, "benchmarks": [
        {"name": f"{name}/manual_time", "run_type": "iteration",
         "real_time": 1.0, "time_unit": "ms"} for name in names]}),
        encoding="utf-8")
    return bench_json.load_results(str(path))


def test_rows_keep_their_order_whatever_the_order_of_the_file(tmp_path):
    loaded = interleaved_results(tmp_path, [
        "Noop/Threads/workers:2", "Cpu/Threads/workers:1",
        "Noop/Serial/workers:1", "Cpu/Serial/workers:1",
        "Noop/Threads/workers:1"])
    assert list(markdown_cells(grid.markdown_table(
        speedups.summarize(loaded), {}))) == [
            ("Cpu", "Serial", "1"), ("Cpu", "Threads", "1"),
            ("Noop", "Serial", "1"), ("Noop", "Threads", "1"),
            ("Noop", "Threads", "2")]


def test_other_benchmarks_are_ordered_by_name_and_number(tmp_path):
    loaded = interleaved_results(tmp_path, [
        "ApiServer/concurrent_clients:256", "Health",
        "ApiServer/concurrent_clients:16", "ApiServer/concurrent_clients:64"])
    assert [row[0] for row in others.other_rows(loaded)] == [
        "ApiServer/concurrent_clients:16", "ApiServer/concurrent_clients:64",
        "ApiServer/concurrent_clients:256", "Health"]


def test_errored_benchmarks_show_error():
    text = grid.markdown_table(
        speedups.summarize(bench_json.load_results(WITH_ERRORS)), {})
    cells = markdown_cells(text)
    assert cells[("Cpu", "Processes", "2")] == ("error", "error")
    assert set(markdown_table_rows(text)[("Cpu", "Processes", "2")][3:]) == {
        "error"}
    assert cells[("Cpu", "Processes", "1")][0].endswith(" ms")


def test_latex_is_a_booktabs_tabular_with_the_same_numbers():
    points = speedups.summarize(bench_json.load_results(BENCH_1_7))
    markdown = markdown_table_rows(grid.markdown_table(points, {}))
    latex = grid.latex_table(points, {"host_name": "lab_box"})
    lines = latex.splitlines()
    assert lines[0].startswith("% ") and r"lab\_box" in lines[0]
    assert lines[1:5] == [r"\begin{tabular}{llrrrrrr}", r"\toprule",
                          " & ".join(map(markup.latex_escape, grid.HEADER))
                          + r" \\", r"\midrule"]
    assert lines[-2:] == [r"\bottomrule", r"\end{tabular}"]
    body = [line for line in lines[5:-2] if line != r"\midrule"]
    assert lines[5:-2].count(r"\midrule") == 1  # Between the two workloads.
    for line, cells in zip(body, markdown.values()):
        assert line == " & ".join(
            markup.latex_escape(cell) for cell in cells) + r" \\"


def test_latex_escapes_special_characters():
    assert markup.latex_escape(r"a_b & 5% #1 {x} ~^\ $") == (
        r"a\_b \& 5\% \#1 \{x\} \textasciitilde{}\textasciicircum{}"
        r"\textbackslash{} \$")


def test_speedup_without_a_serial_baseline_is_marked_missing(tmp_path):
    path = tmp_path / "bench.json"
    path.write_text(json.dumps({"context": {}, "benchmarks": [
        {"name": "My_Work/Threads/workers:2/manual_time",
         "run_type": "iteration", "real_time": 1.5, "time_unit": "s"}]}),
        encoding="utf-8")
    completed = run_tables(str(path), "--format", "tex")
    assert completed.returncode == 0, completed.stderr
    assert "-{}-" not in completed.stdout
    assert r"My\_Work & Threads & 2 & 1 & 1.50 s & n/a & -- & -- \\" in (
        completed.stdout)


def test_out_writes_the_file_instead_of_stdout(tmp_path):
    out = tmp_path / "table.md"
    completed = run_tables(BENCH_1_7, "--format", "md", "--out", str(out))
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == ""
    assert out.read_text(encoding="utf-8") == run_tables(
        BENCH_1_7, "--format", "md").stdout
    assert [path.name for path in tmp_path.iterdir()] == ["table.md"]


@pytest.mark.parametrize("args, complaint", [
    (["/nonexistent/bench.json", "--format", "md"],
     "No such file or directory"),
    ([str(FIXTURES / "spans.json"), "--format", "md"],
     "not Google Benchmark JSON"),
    ([BENCH_1_7, "--format", "html"], "invalid choice: 'html'"),
    ([BENCH_1_7], "--format"),
])
def test_bad_input_exits_2_with_one_line(args, complaint):
    completed = run_tables(*args)
    assert completed.returncode == 2
    assert len(completed.stderr.splitlines()) == 1, completed.stderr
    assert completed.stderr.startswith("tables: ")
    assert complaint in completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""


def test_unwritable_out_exits_2_with_one_line(tmp_path):
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("", encoding="utf-8")
    out = not_a_directory / "table.md"
    completed = run_tables(BENCH_1_7, "--format", "md", "--out", str(out))
    assert completed.returncode == 2
    assert completed.stderr == (
        f"tables: cannot write {out}: {not_a_directory} is a file, not a "
        "folder; choose a writable --out file\n")


def test_a_reader_that_stops_early_ends_tables_quietly():
    with subprocess.Popen(
            ["/usr/bin/python3", str(SCRIPTS / "tables"), BENCH_1_7,
             "--format", "md"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.close()  # As `| head` does once it has enough.
        stderr = process.stderr.read().decode("utf-8")
    assert stderr == ""
    assert process.returncode == command_line.BROKEN_PIPE


def test_truncated_file_exits_2_with_one_line(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text(pathlib.Path(BENCH_1_7).read_text(encoding="utf-8")[:500],
                    encoding="utf-8")
    completed = run_tables(str(path), "--format", "md")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert "not valid JSON" in completed.stderr


def test_the_answers_come_first_one_row_per_workload():
    completed = run_tables(BENCH_1_7, "--format", "md")
    assert completed.returncode == 0, completed.stderr
    title, table = completed.stdout.split("\n\n")[:2]
    assert title == f"**{answers.TITLE}**"
    header, *rows = markdown_rows(table)
    assert header == list(answers.HEADER)
    # Three repetitions give no speedup interval: nothing is shown faster
    # than Serial, so Serial, and why.
    assert rows == [
        ["Cpu", "Serial", "1", "1.00x", "--",
         "parallelism does not pay: too few repetitions to tell Threads 2's "
         "1.72x from 1", "Processes: start-up 44% of the batch"],
        ["Noop", "Serial", "1", "1.00x", "--",
         "parallelism does not pay: nothing is faster (next: Threads 2, "
         "0.73x)", "Threads, Processes: start-up 34-66% of the batch"]]


def test_the_answers_in_latex_have_their_caption_as_a_comment():
    completed = run_tables(BENCH_1_7, "--format", "tex")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == f"% {answers.TITLE}"
    assert lines[1].startswith("% Use: the cheapest choice")
    assert lines[2].startswith(r"\begin{tabular}{llrrr")
    assert (r"Cpu & Serial & 1 & 1.00x & -- & parallelism does not pay: too "
            r"few repetitions to tell Threads 2's 1.72x from 1 & Processes: "
            r"start-up 44\% of the batch \\" in lines)
