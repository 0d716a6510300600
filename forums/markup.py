"""Markdown helpers of the forums; rendering itself is ``registers.markup``."""


def quote(author: str, markdown_text: str) -> str:
    """The Markdown that quotes a post at the start of a reply."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in markdown_text.splitlines())
    return f"{author} wrote:\n\n{quoted}\n\n"
