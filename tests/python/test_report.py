"""Tests of the HTML page of a run (reports/page.py, scripts/report): its
content, and that a browser shows it."""

import json
import pathlib
import re
import subprocess

import pytest

import leftovers
from conftest import SCRIPTS, benchmark_document
from execbench.reports import page as report
from execbench.tables import others

CHROMIUM = pathlib.Path("/usr/bin/chromium")
SEVEN = [10.0, 10.1, 9.9, 10.2, 9.8, 10.0, 10.1]
SAMPLES_MS = {
    "Cpu/Serial/workers:1": [2 * time for time in SEVEN],
    "Cpu/Threads/workers:2": SEVEN,
    "Io/Serial/workers:1": [3 * time for time in SEVEN],
    "Io/Processes/workers:2": [2 * time for time in SEVEN],
    "ApiServer/concurrent_clients:16": [1.0] * 7,
}
CONTEXT = {"execbench_flags_changed": "cpu_iterations=1000 io_bytes=4096",
           "execbench_adaptive_target": "0.05",
           "execbench_adaptive_max_repetitions": "15",
           "execbench_adaptive_rounds": "3",
           "execbench_unsettled": "Io/Processes/workers:2"}
# Per workload: wall, speedup, efficiency and executors.
CHARTS_PER_WORKLOAD = 4
# Records, once the page has loaded, how many of its images decoded.
_IMAGE_PROBE = (
    "<script>window.addEventListener('load', () => {"
    "const images = [...document.images];"
    "document.body.dataset.decoded = images.filter("
    "image => image.complete && image.naturalWidth > 0).length + '/' +"
    " images.length;});</script>")


@pytest.fixture(name="run_folder")
def fixture_run_folder(tmp_path):
    folder = tmp_path / "20260101-000000-abc"
    folder.mkdir()
    (folder / "bench.json").write_text(json.dumps(benchmark_document(
        SAMPLES_MS, context=CONTEXT, errors={
            "Io/Threads/workers:2": "disk full"})), encoding="utf-8")
    return folder


def run_report(*args) -> subprocess.CompletedProcess:
    return leftovers.run(["/usr/bin/python3", SCRIPTS / "report", *args])


def test_report_holds_tables_charts_advice_and_context(run_folder):
    completed = run_report(str(run_folder))
    assert completed.returncode == 0, completed.stderr
    path = run_folder / report.REPORT_NAME
    assert completed.stdout == f"{path}\n"
    page = path.read_text(encoding="utf-8")
    assert sorted(item.name for item in run_folder.iterdir()) == [
        "bench.json", "report.html"]  # Nothing half-written left.
    for workload in ("Cpu", "Io"):
        section = page.split(f'<section id="workload-{workload}">')[1].split(
            "</section>")[0]
        assert "<th>95% CI of median</th>" in section
        assert len(re.findall(r'src="data:image/png;base64,', section)) == (
            CHARTS_PER_WORKLOAD)
    assert ("<td>Cpu</td><td>Threads</td><td class=\"number\">2</td>"
            "<td class=\"number\">7</td><td class=\"number\">10.0 ms</td>"
            "<td class=\"number\">[9.80, 10.2] ms</td>") in page
    assert "<code>cpu_iterations=1000 io_bytes=4096</code>" in page
    assert "Never within it: <code>Io/Processes/workers:2</code>" in page
    assert "Failed: <code>Io/Threads/workers:2</code>: disk full" in page
    assert '<a href="trace.json">trace.json</a>' in page
    assert report.PERFETTO_URL in page
    assert "<strong>Fastest</strong>: Threads with 2 workers: median" in page
    assert f"<h2>{others.TITLE}</h2>" in page
    assert "<td>execbench_cpu_model</td><td>Test CPU @ 2.40GHz</td>" in page
    assert "http" not in page.replace(report.PERFETTO_URL, "")


@pytest.mark.parametrize("make, complaint", [
    (lambda folder: folder / "missing", "is not a folder"),
    (lambda folder: folder, "bench.json: No such file or directory"),
])
def test_bad_folder_exits_2_with_one_line(tmp_path, make, complaint):
    completed = run_report(str(make(tmp_path)))
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("report: ") and complaint in (
        completed.stderr)
    assert not (tmp_path / report.REPORT_NAME).exists()


SPANS = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "spans.json"


@pytest.mark.parametrize("spans_text, complaint", [
    (SPANS.read_text()[:2000], "is not valid JSON"),
    (json.dumps(benchmark_document(SAMPLES_MS)),
     "is not an execbench spans file"),
    (SPANS.read_text().replace('"wall_s": ', '"wall_s": NaN, "x": ', 1),
     "has wall_s nan, not a finite number"),
], ids=["truncated", "bench-json", "nan"])
def test_a_spans_file_that_charts_refuses_report_refuses_alike(
        run_folder, tmp_path, spans_text, complaint):
    spans = run_folder / "spans.json"
    spans.write_text(spans_text, encoding="utf-8")

    completed = run_report(str(run_folder))
    charts = leftovers.run(
        ["/usr/bin/python3", SCRIPTS / "charts", run_folder / "bench.json",
         "--spans", spans, "--out", tmp_path / "charts"])

    assert completed.returncode == charts.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert complaint in completed.stderr
    assert completed.stderr.removeprefix("report: ") == (
        charts.stderr.removeprefix("charts: "))
    assert not (run_folder / report.REPORT_NAME).exists()


def render_in_chromium(page: pathlib.Path, profile: pathlib.Path) -> tuple:
    """(DOM after load, console lines) of the page in headless Chromium."""
    completed = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    console = [line for line in completed.stderr.splitlines()
               if ":CONSOLE" in line]
    return completed.stdout, console


@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason=f"{CHROMIUM} is absent (scripts/setup installs "
                    "Debian's chromium package)")
def test_a_real_browser_shows_every_table_and_chart(run_folder, tmp_path):
    assert run_report(str(run_folder)).returncode == 0
    page = (run_folder / report.REPORT_NAME).read_text(encoding="utf-8")
    probed = run_folder / "probed.html"
    probed.write_text(page.replace("</body>", _IMAGE_PROBE + "</body>"),
                      encoding="utf-8")
    dom, console = render_in_chromium(probed, tmp_path / "profile")

    assert console == []
    images = 2 * CHARTS_PER_WORKLOAD
    assert f'data-decoded="{images}/{images}"' in dom
    for workload in ("Cpu", "Io"):
        assert f'<section id="workload-{workload}">' in dom
        assert f"<h2>{workload}</h2>" in dom

    # The console check is not vacuous: an error on a page is caught.
    broken = run_folder / "broken.html"
    broken.write_text("<script>console.error('broken page')</script>",
                      encoding="utf-8")
    _, console = render_in_chromium(broken, tmp_path / "profile")
    assert len(console) == 1 and "broken page" in console[0]
