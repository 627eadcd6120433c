"""Tables of execbench results, in Markdown or LaTeX (booktabs), as
scripts/tables writes them (docs/reporting.md).

TABLES is the one list of the tables, in the order they follow each other,
a blank line apart; a table never imports it. Each has render(results,
fmt), its text in "md" or "tex", or "" when the results give it nothing to
show. markup.py is their shared base. The comparison of two records is a
table too, but of scripts/compare: reports/comparison.py.
"""

from execbench.tables import grid
from execbench.tables import metg
from execbench.tables import noisy_machine
from execbench.tables import others

FORMATS = ("md", "tex")
TABLES = (grid, others, metg, noisy_machine)


def render(results, fmt: str) -> str:
    """Every table of TABLES that has something to show, in "md" or "tex"."""
    texts = [table.render(results, fmt) for table in TABLES]
    return "\n".join(text for text in texts if text)
