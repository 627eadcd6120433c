"""Tests of the HTML page of a run (reports/page.py, scripts/report): its
first screen answers, the evidence is folded below, and a real browser
shows it."""

import json
import pathlib
import re
import shutil
import subprocess

import pytest

import leftovers
from conftest import SCRIPTS, benchmark_document
from execbench.reports import page as report
from execbench.tables import answers

CHROMIUM = pathlib.Path("/usr/bin/chromium")
FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
SEVEN = [10.0, 10.1, 9.9, 10.2, 9.8, 10.0, 10.1]
SAMPLES_MS = {
    "Cpu/Serial/workers:1": [2 * time for time in SEVEN],
    "Cpu/Threads/workers:2": SEVEN,
    "Cpu/Processes/workers:2": [1.5 * time for time in SEVEN],
    "Noop/Serial/workers:1": [time / 100 for time in SEVEN],
    "Noop/Threads/workers:2": [time / 50 for time in SEVEN],
    "Io/Serial/workers:1": [3 * time for time in SEVEN],
    "Io/Processes/workers:2": [2 * time for time in SEVEN],
    "ApiServer/concurrent_clients:16": [1.0] * 7,
}
WORKLOADS = ("Cpu", "Io", "Noop")
CONTEXT = {"execbench_flags_changed": "cpu_iterations=1000 io_bytes=4096",
           "date": "2026-11-29T05:27:50+00:00",
           "execbench_commit": "70e2851cba2ac58f4a9caf81cf9000a2ff6568ac",
           "execbench_adaptive_target": "0.05",
           "execbench_adaptive_max_repetitions": "15",
           "execbench_adaptive_rounds": "3",
           "execbench_unsettled": "Io/Processes/workers:2"}
TITLE = ("execbench run of 2026-11-29 05:27 UTC on testhost, 2 CPUs, Test "
         "CPU @ 2.40GHz; commit 70e2851cba2a")
# Records, once the page has loaded in a window of 1400 x 1000 pixels, how
# many of its images decoded, where the answers and the summary figure end,
# and which workloads the answers name.
_PROBE = """<script>window.addEventListener('load', () => {
const images = [...document.images];
const data = document.body.dataset;
data.decoded = images.filter(
  image => image.complete && image.naturalWidth > 0).length + '/' +
  images.length;
const bottom = element => Math.ceil(element.getBoundingClientRect().bottom);
data.answersBottom = bottom(document.querySelector('table.answers'));
const summary = document.querySelector('.first figure img');
data.summaryBottom = bottom(summary);
data.summaryRight = Math.ceil(summary.getBoundingClientRect().right);
data.answered = [...document.querySelectorAll(
  'table.answers tbody td:first-child')].map(cell => cell.textContent)
  .join(',');
data.openSections = document.querySelectorAll('details[open]').length;
});</script>"""


@pytest.fixture(name="run_folder")
def fixture_run_folder(tmp_path):
    # The scratch name scripts/run writes the page in, before renaming it.
    folder = tmp_path / ".run.wKBxBf"
    folder.mkdir()
    document = benchmark_document(SAMPLES_MS, context=CONTEXT, errors={
        "Io/Threads/workers:2": "disk full"})
    for row in document["benchmarks"]:
        row.update(cpu_per_wall=1.9, utilization=0.95,
                   startup_s=row["real_time"] * 1e-4)
    (folder / "bench.json").write_text(json.dumps(document),
                                       encoding="utf-8")
    return folder


def run_report(*args) -> subprocess.CompletedProcess:
    return leftovers.run(["/usr/bin/python3", SCRIPTS / "report", *args])


def write_report(folder: pathlib.Path) -> str:
    completed = run_report(str(folder))
    assert completed.returncode == 0, completed.stderr
    path = folder / report.REPORT_NAME
    assert completed.stdout == f"{path}\n"
    return path.read_text(encoding="utf-8")


def section(page: str, anchor: str) -> str:
    """The <details> of that id."""
    return page.split(f'<details id="{anchor}">')[1].split("</details>")[0]


def test_the_first_screen_answers_and_the_title_names_the_run(run_folder):
    page = write_report(run_folder)
    assert f"<title>{TITLE}</title>" in page
    assert f"<h1>{TITLE}</h1>" in page
    assert ".run." not in page  # Never the scratch folder's name.
    first = page.split('<div class="first">')[1].split("<h2>Evidence</h2>")[0]
    rows = re.findall(r'<tr><td><a href="#workload-(\w+)">', first)
    assert rows == list(WORKLOADS)
    assert ("<td>Threads with 2 workers</td><td class=\"number\">2.00x "
            "<small>[") in first
    assert f"{answers.DOES_NOT_PAY}: " in first  # Noop: Serial.
    assert '<figure><img alt="speedup over Serial' in first
    assert "<details" not in first  # The evidence is below, folded.


def test_the_run_line_counts_and_links_what_needs_a_look(run_folder):
    page = write_report(run_folder)
    line = page.split('<p class="run">')[1].split("</p>")[0]
    assert line.startswith("9 benchmarks, 7 repetitions each")
    assert '<a href="#unsettled">1 never reached &plusmn;5%</a>' in line
    assert '<a href="#failed">1 failed</a>' in line
    assert "<code>cpu_iterations=1000 io_bytes=4096</code>" in line
    assert "<code>Io/Processes/workers:2</code>" in section(page, "unsettled")
    assert ("<li><code>Io/Threads/workers:2</code>: disk full</li>"
            in section(page, "failed"))


def test_each_workloads_evidence_is_folded_below(run_folder):
    page = write_report(run_folder)
    for workload in WORKLOADS:
        evidence = section(page, f"workload-{workload}")
        assert evidence.startswith(f"<summary><strong>{workload}</strong>: ")
        assert f"<p>{workload}: " in evidence  # The answer in a sentence.
        headers = re.findall(r"<th[^>]*>([^<]+)</th>", evidence)
        assert "Against the fastest" in headers  # The near ties.
        assert headers[-7:] == [  # Every choice.
            "Executor", "Workers", "Repetitions", "Median wall time",
            "95% CI of median", "Speedup over Serial", "95% CI of speedup"]
        images = re.findall(r'<img alt="([\w-]+)"', evidence)
        assert images == [f"speedup-{workload}", f"executors-{workload}"]
    assert ("<tr><td>Threads</td><td class=\"number\">2</td>"
            "<td class=\"number\">7</td><td class=\"number\">10.0 ms</td>"
            "<td class=\"number\">[9.80, 10.2] ms</td>") in section(
                page, "workload-Cpu")
    assert "<td>execbench_cpu_model</td><td>Test CPU @ 2.40GHz</td>" in page
    assert "http" not in page.replace(report.PERFETTO_URL, "")


def test_timelines_of_the_batches_that_show_the_advice(run_folder):
    shutil.copy(FIXTURES / "spans.json", run_folder / "spans.json")
    cpu = section(write_report(run_folder), "workload-Cpu")
    assert re.findall(r'<img alt="(timeline-[\w-]+)"', cpu) == [
        "timeline-Cpu-Serial-w1", "timeline-Cpu-Threads-w2",
        "timeline-Cpu-Processes-w2"]


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


@pytest.mark.parametrize("spans_text, complaint", [
    ((FIXTURES / "spans.json").read_text()[:2000], "is not valid JSON"),
    (json.dumps(benchmark_document(SAMPLES_MS)),
     "is not an execbench spans file"),
    ((FIXTURES / "spans.json").read_text().replace(
        '"wall_s": ', '"wall_s": NaN, "x": ', 1),
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


def chromium(page: pathlib.Path, profile: pathlib.Path, *flags):
    """Headless Chromium on the page, 1400 x 1000 pixels, with flags."""
    completed = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--window-size=1400,1000", "--hide-scrollbars", *flags,
         page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    return completed


def render_in_chromium(page: pathlib.Path, profile: pathlib.Path) -> tuple:
    """(DOM after load, console lines) of the page in headless Chromium."""
    completed = chromium(page, profile, "--enable-logging=stderr", "--v=0",
                         "--dump-dom")
    console = [line for line in completed.stderr.splitlines()
               if ":CONSOLE" in line]
    return completed.stdout, console


@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason=f"{CHROMIUM} is absent (scripts/setup installs "
                    "Debian's chromium package)")
def test_a_real_browser_shows_the_answers_on_the_first_screen(run_folder,
                                                              tmp_path):
    page = write_report(run_folder)
    probed = run_folder / "probed.html"
    probed.write_text(page.replace("</body>", _PROBE + "</body>"),
                      encoding="utf-8")
    dom, console = render_in_chromium(probed, tmp_path / "profile")

    assert console == []
    data = dict(re.findall(r'data-([\w-]+)="([^"]*)"',
                           dom.split("<body", 1)[1].split(">", 1)[0]))
    images = len(re.findall(r"<img ", page))
    assert data["decoded"] == f"{images}/{images}"
    # The first screen, 1000 pixels high and 1400 wide, holds the answer
    # of every workload and the summary figure beside them.
    assert int(data["answers-bottom"]) <= 1000
    assert int(data["summary-bottom"]) <= 1000
    assert int(data["summary-right"]) <= 1400
    assert data["answered"] == ",".join(WORKLOADS)
    assert data["open-sections"] == "0"

    screenshot = tmp_path / "first-screen.png"
    chromium(probed, tmp_path / "profile", f"--screenshot={screenshot}")
    assert screenshot.read_bytes().startswith(b"\x89PNG")

    # The console check is not vacuous: an error on a page is caught.
    broken = run_folder / "broken.html"
    broken.write_text("<script>console.error('broken page')</script>",
                      encoding="utf-8")
    _, console = render_in_chromium(broken, tmp_path / "profile")
    assert len(console) == 1 and "broken page" in console[0]
