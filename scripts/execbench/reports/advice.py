"""The advice (analysis/advice.py) as scripts/advise writes it: plain text,
a paragraph per workload, or Markdown, a section per workload; a line per
entry either way."""

from execbench.analysis import advice as advice_model

FORMATS = ("text", "md")


def render(advice: list, fmt: str) -> str:
    """The advice of every workload in "text" or "md"."""
    sections = []
    for item in advice:
        entries = advice_model.entries(item)
        if fmt == "md":
            lines = [f"### {item.workload}\n"] + [
                f"- **{heading}**{qualifier}: {text}"
                for heading, qualifier, text in entries]
        else:
            lines = [f"{item.workload}:"] + [
                f"  {heading.lower()}{qualifier}: {text}"
                for heading, qualifier, text in entries]
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"
