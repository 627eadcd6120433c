"""The HTML pieces the report page (page.py) is made of: escaped text,
tables, folded sections and inline images, with nothing to fetch.

Text is escaped wherever it goes, unless it is Html: markup made here.
"""

import base64
import html


class Html(str):
    """Markup that goes into the page as it is, not escaped."""


def escape(text) -> Html:
    """The text with &, <, > and quotes escaped; Html as it is."""
    return text if isinstance(text, Html) else Html(html.escape(str(text)))


def code(text) -> Html:
    return Html(f"<code>{escape(text)}</code>")


def table(header, rows, numeric=(), css_class: str = "") -> Html:
    """A table of header and rows of cells (text or Html), the columns
    whose indexes are in `numeric` aligned right."""
    def cells(row, tag):
        return "".join(
            f'<{tag} class="number">{escape(cell)}</{tag}>'
            if index in numeric else f"<{tag}>{escape(cell)}</{tag}>"
            for index, cell in enumerate(row))

    body = "\n".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    attribute = f' class="{css_class}"' if css_class else ""
    return Html(f"<table{attribute}>\n<thead><tr>{cells(header, 'th')}</tr>"
                f"</thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def details(summary, body, anchor: str = "") -> Html:
    """A folded section: summary (text or Html) shown, body on a click."""
    attribute = f' id="{escape(anchor)}"' if anchor else ""
    return Html(f"<details{attribute}><summary>{escape(summary)}</summary>\n"
                f"{body}\n</details>")


def image(png: bytes, alt: str, css_class: str = "") -> Html:
    """A PNG image inline, as a data URI."""
    attribute = f' class="{css_class}"' if css_class else ""
    data = base64.b64encode(png).decode("ascii")
    return Html(f'<img{attribute} alt="{escape(alt)}" '
                f'src="data:image/png;base64,{data}">')


def items(entries) -> Html:
    """An unordered list of the entries (text or Html)."""
    return Html("<ul>\n" + "\n".join(f"<li>{escape(entry)}</li>"
                                     for entry in entries) + "\n</ul>")
