"""The markup every table of execbench is written in: Markdown, LaTeX
with booktabs rules, or plain text aligned for a terminal.

A table is its header, its alignments and its rows of cells, all text; in
LaTeX its rows may come in groups, parted by a \\midrule. Cells are
escaped here: '|' in Markdown, LaTeX's special characters in LaTeX. Every
table says alike that a benchmark failed, that a value is missing or that
too few repetitions give no interval.
"""

# Cells of a failed benchmark, of a missing value (a speedup without
# baseline, a counter the benchmark lacks), and of an interval that too few
# repetitions cannot give.
ERROR = "error"
MISSING = "--"
UNAVAILABLE = "n/a"
# Alignments of a Markdown column.
LEFT = ":--"
RIGHT = "--:"
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}", "µ": r"$\mu$",
}


def markdown_table(header, alignments, rows) -> list:
    """The lines of a Markdown table.

    Args:
      header: the cells of the header.
      alignments: LEFT or RIGHT for each column.
      rows: the cells of each row.
    """
    return [markdown_line(header), "| " + " | ".join(alignments) + " |",
            *(markdown_line(row) for row in rows)]


def latex_tabular(header, columns: str, row_groups) -> list:
    """The lines of a booktabs tabular, a \\midrule between groups of rows.

    Args:
      header: the cells of the header.
      columns: the tabular's column specification, e.g. "lrr".
      row_groups: lists of rows, each row the cells of one line.
    """
    lines = [rf"\begin{{tabular}}{{{columns}}}", r"\toprule",
             latex_line(header), r"\midrule"]
    for index, rows in enumerate(row_groups):
        if index:
            lines.append(r"\midrule")
        lines += [latex_line(row) for row in rows]
    return lines + [r"\bottomrule", r"\end{tabular}"]


def aligned_lines(header, rows, left_columns) -> list:
    """The lines of a table aligned in columns for a terminal: the header,
    a rule of dashes, then the rows; the columns of left_columns (indices)
    aligned left, the others right."""
    widths = [max(len(cell) for cell in column)
              for column in zip(header, *rows)]

    def line(cells):
        return "  ".join(
            cell.ljust(width) if index in left_columns else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths))).rstrip()

    return [line(header), line(["-" * width for width in widths]),
            *(line(row) for row in rows)]


def markdown_line(cells) -> str:
    """One row of a Markdown table."""
    return "| " + " | ".join(cell.replace("|", r"\|") for cell in cells) + " |"


def latex_line(cells) -> str:
    """One row of a LaTeX tabular."""
    return " & ".join(latex_escape(cell) for cell in cells) + r" \\"


def latex_escape(text: str) -> str:
    """The text with LaTeX's special characters escaped."""
    return "".join(_LATEX_SPECIALS.get(character, character)
                   for character in text)
