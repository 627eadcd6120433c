"""Tables of execbench results, in Markdown or LaTeX (booktabs), as
scripts/tables writes them (docs/reporting.md).

TABLES is the one list of the tables, in the order they follow each other,
a blank line apart; a table never imports it. Each has render(results,
fmt), its text in "md" or "tex", or "" when the results give it nothing to
show. markup.py is their shared base. The comparison of two records is a
table too, but of scripts/compare: reports/comparison.py.
"""

from execbench.tables import answers
from execbench.tables import grid
from execbench.tables import metg
from execbench.tables import noisy_machine
from execbench.tables import others

FORMATS = ("md", "tex")
TABLES = (answers, grid, others, metg, noisy_machine)


def render(results, fmt: str, chosen=TABLES) -> str:
    """The tables chosen of TABLES (all by default) that have something to
    show, in "md" or "tex"."""
    texts = [table.render(results, fmt) for table in chosen]
    return "\n".join(text for text in texts if text)


def name(table) -> str:
    """A table's name: its module's, "grid" for tables.grid."""
    return table.__name__.rsplit(".", 1)[-1]


def names() -> list:
    """The names of the tables of TABLES, in order."""
    return [name(table) for table in TABLES]
