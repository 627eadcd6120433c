"""Tests of the documentation: README.md and docs/ against what they describe.

The flags table of docs/running.md must list exactly the suite flags that
the built bench prints under --help ($EXECBENCH_BUILD_DIR/bench; ctest sets
the variable, the default is <repo>/build), with the same defaults where it
states them as a value, and every relative link of
README.md and docs/*.md must lead to a file that exists, and to a heading of
it where the link names one.
"""

import os
import pathlib
import re
import subprocess
import urllib.parse

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BENCH = pathlib.Path(os.environ.get("EXECBENCH_BUILD_DIR",
                                    REPO / "build")) / "bench"
PAGES = (REPO / "README.md", *sorted((REPO / "docs").glob("*.md")))
FLAGS_PAGE = REPO / "docs" / "running.md"
# The header row of the table in FLAGS_PAGE that lists bench's flags.
FLAGS_TABLE_HEADER = "| bench flag | default | meaning |"

_FENCED_BLOCK = re.compile(r"^```.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
# [text](target) and ![alt](target), with an optional "title".
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# [label]: target
_REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)",
                             re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
# A suite flag as --help prints it: "  --name=default".
_HELP_FLAG = re.compile(r"^  --([a-z0-9_]+)=(.*)$", re.MULTILINE)
_DOCUMENTED_FLAG = re.compile(r"`--([a-z0-9_]+)`")


def help_flags(help_text: str) -> dict:
    """name -> default of the suite flags of bench --help: those listed
    under "execbench flags:", up to the next section (Workloads)."""
    _, found, rest = help_text.partition("execbench flags:\n")
    assert found, "bench --help has no 'execbench flags:' section"
    section = re.split(r"^\S", rest, maxsplit=1, flags=re.MULTILINE)[0]
    return dict(_HELP_FLAG.findall(section))


def documented_flags(markdown: str) -> list:
    """(name, default cell) of each flag named in the first cell of a row
    of the table under FLAGS_TABLE_HEADER, in order, repeats kept. A cell
    that names flags by a pattern (--granularity_*) fails: every flag has
    its own name."""
    lines = markdown.splitlines()
    assert FLAGS_TABLE_HEADER in lines, (
        f"{FLAGS_PAGE.name} has no table headed {FLAGS_TABLE_HEADER!r}")
    flags = []
    for line in lines[lines.index(FLAGS_TABLE_HEADER) + 2:]:
        if not line.startswith("|"):
            break
        _, names, default, *_ = line.split("|")
        assert "*" not in names, (
            f"{names.strip()} in {FLAGS_PAGE.name}: name every flag rather "
            "than a pattern")
        flags += [(name, default.strip())
                  for name in _DOCUMENTED_FLAG.findall(names)]
    return flags


def stated_default(cell: str) -> str | None:
    """The default a cell of the table states as a value: `value`, or
    nothing for an empty default; None for a default described in words
    ("(the --workers list)") or abridged with "…"."""
    if not cell:
        return ""
    value = re.fullmatch(r"`([^`]*)`", cell)
    return value.group(1) if value and "…" not in cell else None


def without_code_blocks(markdown: str) -> str:
    """The markdown without fenced code blocks, whose lines are neither
    links nor headings."""
    return _FENCED_BLOCK.sub("", markdown)


def prose(markdown: str) -> str:
    """The markdown without code (fenced blocks and inline code), where
    brackets are not links."""
    return _INLINE_CODE.sub("", without_code_blocks(markdown))


def relative_links(markdown: str) -> list:
    """The link targets of the markdown that are not URLs, in order."""
    text = prose(markdown)
    targets = _INLINE_LINK.findall(text) + _REFERENCE_LINK.findall(text)
    return [target for target in targets
            if not urllib.parse.urlsplit(target).scheme]


def heading_anchors(markdown: str) -> set:
    """The anchors GitHub gives the markdown's headings: lower case, code
    marks and punctuation other than '-' and '_' dropped, spaces as '-',
    and a repeated anchor numbered (-1, -2, ...)."""
    anchors = set()
    for heading in _HEADING.findall(without_code_blocks(markdown)):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        anchor, count = slug, 0
        while anchor in anchors:
            count += 1
            anchor = f"{slug}-{count}"
        anchors.add(anchor)
    return anchors


def broken_links(page: pathlib.Path) -> list:
    """The relative links of `page` that lead nowhere, each with why."""
    broken = []
    for target in relative_links(page.read_text(encoding="utf-8")):
        path_part, _, fragment = urllib.parse.unquote(target).partition("#")
        linked = (page.parent / path_part).resolve() if path_part else page
        if not linked.exists():
            broken.append(f"{target}: no file {linked}")
        elif fragment and linked.suffix == ".md" and fragment not in (
                heading_anchors(linked.read_text(encoding="utf-8"))):
            broken.append(f"{target}: no heading #{fragment} in "
                          f"{linked.relative_to(REPO)}")
    return broken


@pytest.mark.skipif(not BENCH.exists(), reason=f"{BENCH} is not built "
                    "(build it, or set EXECBENCH_BUILD_DIR)")
def test_the_flags_table_lists_every_suite_flag_of_bench_help():
    completed = subprocess.run([str(BENCH), "--help"], capture_output=True,
                               text=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    in_help = help_flags(completed.stdout)
    documented = documented_flags(FLAGS_PAGE.read_text(encoding="utf-8"))
    names = [name for name, _ in documented]
    assert in_help, "found no suite flag in bench --help"
    repeated = sorted({name for name in names if names.count(name) > 1})
    assert not repeated, f"listed more than once: {repeated}"
    assert not in_help.keys() - set(names), (
        f"bench --help has flags that {FLAGS_PAGE.name} lacks: "
        f"{sorted(in_help.keys() - set(names))}")
    assert not set(names) - in_help.keys(), (
        f"{FLAGS_PAGE.name} lists flags that bench --help lacks: "
        f"{sorted(set(names) - in_help.keys())}")
    wrong = [f"--{name}: {stated!r} here, {in_help[name]!r} in --help"
             for name, cell in documented
             if (stated := stated_default(cell)) is not None
             and stated != in_help[name]]
    assert not wrong, "defaults that differ: " + "; ".join(wrong)


def test_a_default_is_stated_as_one_value_or_in_words():
    assert stated_default("`1,2,4,8`") == "1,2,4,8"
    assert stated_default("") == ""
    assert stated_default("(the `--workers` list)") is None
    assert stated_default("`0.01,0.02,…,10000`") is None


def test_the_docs_have_pages():
    assert (REPO / "README.md").exists()
    assert len(PAGES) > 1, "docs/ has no page"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_leads_to_a_file_that_exists(page):
    assert not broken_links(page), "\n".join(broken_links(page))


def test_links_are_found_outside_code_and_urls_are_left_out():
    markdown = ("See [a](a.md), ![b](img/b.png \"B\") and [c](https://x.y/c)."
                "\n\n`[not](a link)`\n\n```\n[nor](this)\n```\n\n[d]: d.md\n")
    assert relative_links(markdown) == ["a.md", "img/b.png", "d.md"]


def test_anchors_follow_github():
    markdown = ("# Running the suite\n## `scripts/run`\n### `bench` flags\n"
                "## Tbb: `parallel_for`, not `task_group`\n## Notes\n"
                "## Notes\n```\n# not a heading\n```\n")
    assert heading_anchors(markdown) == {
        "running-the-suite", "scriptsrun", "bench-flags",
        "tbb-parallel_for-not-task_group", "notes", "notes-1"}
