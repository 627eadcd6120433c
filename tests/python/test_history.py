"""Tests of scripts/history: what the charts show, files, machine choice
(commands/history.py, charts/history.py, analysis/history.py,
inputs/record_selection.py)."""

import json
import pathlib

import matplotlib.text
import pytest

from conftest import benchmark_document
from execbench.charts import history as history_charts
from execbench.commands import history
from execbench.inputs import record_selection
from execbench.inputs import records
from execbench.inputs import bench_json
from record_documents import write_record

CPU = "Cpu/Threads/workers:2"
NOOP = "Noop/Serial/workers:1"
MACHINE = "box-1"


def rounds(median_ms: float) -> list[float]:
    """The values of 9 rounds, from 1% below to 1% above median_ms."""
    return [median_ms * (0.99 + 0.0025 * index) for index in range(9)]


@pytest.fixture(name="write_history")
def fixture_write_history(tmp_path):
    """Writes records of MACHINE under tmp_path/results/history; returns
    tmp_path, the project root."""

    def write(stems: dict, machine: str = MACHINE,
              flags: dict | None = None):
        # stems: file name stem -> {benchmark: median ms}; flags: stem ->
        # the record's execbench_flag_cpu_iterations.
        for stem, medians in stems.items():
            context = {"execbench_flag_cpu_iterations": (flags or {}).get(
                stem, "10000000")}
            write_record(
                tmp_path / f"results/history/{machine}/{stem}.json",
                {name: rounds(median) for name, median in medians.items()},
                context=context)
        return tmp_path

    return write


def drawn_charts(root, regex=None, **options) -> dict:
    """Benchmark name -> its chart, of the records of MACHINE under root."""
    return {name: draw() for name, draw in history.chart_jobs(
        root, MACHINE, regex, **options)}


def only_chart(root, regex=None):
    charts = drawn_charts(root, regex)
    assert len(charts) == 1
    return next(iter(charts.values())).axes[0]


def test_medians_are_plotted_in_commit_date_order(write_history):
    # Written newest first: the chart must follow the commit dates instead.
    root = write_history({"20260103T000000Z-cccccccccccc": {CPU: 30},
                          "20260101T000000Z-aaaaaaaaaaaa": {CPU: 10},
                          "20260102T000000Z-bbbbbbbbbbbb": {CPU: 20}})

    axes = only_chart(root)

    median_line = axes.lines[0]
    assert list(median_line.get_xdata()) == [0, 1, 2]
    assert list(median_line.get_ydata()) == pytest.approx([10, 20, 30])
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        "aaaaaaa\n2026-01-01", "bbbbbbb\n2026-01-02", "ccccccc\n2026-01-03"]
    assert axes.get_ylabel() == "wall time per batch (ms)"
    assert axes.get_xlabel() == "commit (oldest to newest, by commit date)"


def test_charts_come_in_name_order_with_numbers_by_value(write_history):
    names = [f"ApiServer/concurrent_clients:{count}" for count in (64, 256)]
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {
        names[1]: 60, names[0]: 55}})

    jobs = history.chart_jobs(root, MACHINE, None)
    assert [name for name, _ in jobs] == names


def test_spread_band_spans_min_to_max(write_history):
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10}})

    band = only_chart(root).collections[0]

    heights = band.get_paths()[0].vertices[:, 1]
    assert min(heights) == pytest.approx(9.9)
    assert max(heights) == pytest.approx(10.1)


def test_regressions_and_improvements_are_marked(write_history):
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10},
                          "20260102T000000Z-bbbbbbbbbbbb": {CPU: 10.02},
                          "20260103T000000Z-cccccccccccc": {CPU: 13},
                          "20260104T000000Z-dddddddddddd": {CPU: 9}})

    axes = only_chart(root)

    markers = {collection.get_label(): collection.get_offsets().tolist()
               for collection in axes.collections[1:]}
    assert markers == {"slower than the previous record": [[2, 13]],
                       "faster than the previous record": [[3, 9]]}


def test_records_of_too_few_rounds_mark_nothing(write_history):
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10},
                          "20260103T000000Z-cccccccccccc": {CPU: 13}})
    for path in (root / "results" / "history" / MACHINE).iterdir():
        document = json.loads(path.read_text())
        document["rounds"] = document["rounds"][:4]
        path.write_text(json.dumps(document))

    assert len(only_chart(root).collections) == 1


def test_benchmark_missing_from_a_record_skips_it(write_history):
    root = write_history({
        "20260101T000000Z-aaaaaaaaaaaa": {CPU: 10, NOOP: 0.002},
        "20260102T000000Z-bbbbbbbbbbbb": {CPU: 10},
        "20260103T000000Z-cccccccccccc": {CPU: 10, NOOP: 0.004}})

    axes = only_chart(root, regex="Noop")

    assert list(axes.lines[0].get_xdata()) == [0, 2]
    assert list(axes.lines[0].get_ydata()) == pytest.approx([2, 4])
    assert axes.get_ylabel() == "wall time per batch (µs)"
    assert len(axes.get_xticklabels()) == 3


def test_dirty_records_are_left_out(write_history):
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10},
                          "20260101T000000Z-aaaaaaaaaaaa-dirty": {CPU: 50}})

    assert list(only_chart(root).lines[0].get_ydata()) == pytest.approx([10])


def test_writes_png_and_svg_per_benchmark(write_history, tmp_path):
    root = write_history({
        "20260101T000000Z-aaaaaaaaaaaa": {CPU: 10, NOOP: 0.002}})

    written = history.write_charts(root, MACHINE, None, tmp_path / "charts")

    assert written == [str(tmp_path / "charts" / name) for name in (
        "Cpu_Threads_workers-2.png", "Cpu_Threads_workers-2.svg",
        "Noop_Serial_workers-1.png", "Noop_Serial_workers-1.svg")]
    assert pathlib.Path(written[0]).read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in pathlib.Path(written[1]).read_bytes()


def test_command_line_prints_the_paths(write_history, tmp_path, monkeypatch,
                                       capsys):
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10}})
    monkeypatch.setattr(records, "PROJECT_ROOT", root)

    code = history.main(["--filter", "Cpu"])

    out_dir = root / "results" / "history-charts" / MACHINE
    assert code == 0
    assert capsys.readouterr().out == (
        f"{out_dir}/Cpu_Threads_workers-2.png\n"
        f"{out_dir}/Cpu_Threads_workers-2.svg\n")


@pytest.mark.parametrize("name", ["notes.json", "2026-x.json",
                                  "20260101T000000Z-aaaaaaaaaaaa-old.json"])
def test_a_file_not_named_as_a_record_is_skipped_with_a_warning(
        write_history, tmp_path, monkeypatch, capsys, name):
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10}})
    misnamed = root / "results" / "history" / MACHINE / name
    misnamed.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(records, "PROJECT_ROOT", root)

    code = history.main(["--out", str(tmp_path / "charts")])

    assert code == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"history: warning: skipping {misnamed}: not named "
        "<commit-date>-<commit>-<recorded>.json as scripts/record names "
        "records\n")
    assert captured.out == (f"{tmp_path}/charts/Cpu_Threads_workers-2.png\n"
                            f"{tmp_path}/charts/Cpu_Threads_workers-2.svg\n")


def test_unwritable_out_is_one_line(write_history, tmp_path, monkeypatch,
                                    capsys):
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10}})
    monkeypatch.setattr(records, "PROJECT_ROOT", root)
    (tmp_path / "file").write_text("", encoding="utf-8")

    code = history.main(["--out", str(tmp_path / "file" / "charts")])

    assert code == 2
    assert capsys.readouterr().err == (
        f"history: cannot write {tmp_path}/file/charts/Cpu_Threads_workers-2"
        f".png: {tmp_path}/file is a file, not a folder; choose a writable "
        "--out directory\n")


@pytest.mark.parametrize("argv, message", [
    (["--machine", "elsewhere"],
     "history: machine 'elsewhere' has no records; --machine takes one of: "
     "box-1, box-2\n"),
    (["--machine", MACHINE, "--filter", "Nothing"],
     "history: no benchmark matching --filter 'Nothing' ran without error in "
     "the readable records of machine box-1; widen --filter or record "
     "again\n"),
    ([], "history: this machine has no records and several machines do; "
         "choose one with --machine: box-1, box-2\n"),
    (["--machine", MACHINE, "--filter", "("],
     "history: invalid regular expression '(': missing ), unterminated "
     "subpattern at position 0; use Python re syntax, e.g. 'Cpu|Noop'\n"),
])
def test_bad_input_is_one_line(write_history, monkeypatch, capsys, argv,
                               message):
    write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10}})
    root = write_history({"20260101T000000Z-aaaaaaaaaaaa": {CPU: 10}},
                         machine="box-2")
    monkeypatch.setattr(records, "PROJECT_ROOT", root)
    monkeypatch.setattr(records, "machine_id", lambda: "this-machine")

    code = history.main(argv)

    assert code == 2
    assert capsys.readouterr().err == message


def test_no_records_at_all(tmp_path):
    with pytest.raises(bench_json.InputError, match="make some with "
                                                 "scripts/record"):
        record_selection.choose_machine(tmp_path, None)


def test_chart_file_stem():
    assert history_charts.chart_file_stem("Io/Processes/workers:16") == (
        "Io_Processes_workers-16")


def test_the_newest_record_of_a_commit_is_charted(write_history):
    root = write_history({
        "20260101T000000Z-aaaaaaaaaaaa-20260201T000000Z": {CPU: 10},
        "20260101T000000Z-aaaaaaaaaaaa-20260202T000000Z": {CPU: 12},
        "20260102T000000Z-bbbbbbbbbbbb-20260203T000000Z": {CPU: 13}})

    axes = only_chart(root)

    assert list(axes.lines[0].get_xdata()) == [0, 1]
    assert list(axes.lines[0].get_ydata()) == pytest.approx([12, 13])


def test_records_of_different_sizes_are_charted_with_a_warning(
        write_history, capsys):
    stems = ("20260101T000000Z-aaaaaaaaaaaa-20260201T000000Z",
             "20260102T000000Z-bbbbbbbbbbbb-20260202T000000Z")
    root = write_history({stem: {CPU: 10} for stem in stems},
                         flags={stems[1]: "5"})

    chart = drawn_charts(root)[CPU]

    warning = "ran DIFFERENT SIZES (cpu_iterations 10000000 vs 5)"
    assert warning in capsys.readouterr().err
    assert any(warning in text.get_text()
               for text in chart.findobj(matplotlib.text.Text))


@pytest.mark.parametrize("content", [
    json.dumps(benchmark_document({CPU: rounds(10)})), "{\"format\": ",
    "[]"], ids=["old format", "truncated", "foreign"])
def test_a_file_that_is_no_record_is_skipped_with_a_warning(
        write_history, tmp_path, monkeypatch, capsys, content):
    root = write_history({"20260102T000000Z-bbbbbbbbbbbb": {CPU: 10}})
    bad = (root / "results" / "history" / MACHINE
           / "20260101T000000Z-aaaaaaaaaaaa.json")
    bad.write_text(content)
    monkeypatch.setattr(records, "PROJECT_ROOT", root)

    assert history.main(["--out", str(tmp_path / "charts")]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"history: warning: skipping {bad} ")
    assert len(err.splitlines()) == 1

    (root / "results" / "history" / MACHINE
     / "20260102T000000Z-bbbbbbbbbbbb.json").unlink()
    assert history.main(["--out", str(tmp_path / "charts")]) == 2
    assert capsys.readouterr().err.endswith(
        "history: no benchmark ran without error in the readable records "
        "of machine box-1; widen --filter or record again\n")


def test_each_record_is_read_once(write_history, json_reads):
    stems = ("20260101T000000Z-aaaaaaaaaaaa-20260201T000000Z",
             "20260101T000000Z-aaaaaaaaaaaa-20260202T000000Z",
             "20260102T000000Z-bbbbbbbbbbbb-20260203T000000Z")
    root = write_history({stem: {CPU: 10} for stem in stems})

    drawn_charts(root)

    assert sorted(json_reads.values()) == [1, 1, 1]
