"""What publishing now would change from the latest edition: the text line by line, with the
changed words marked, and the figures cell by cell.

The steering group reads these before anything is frozen (a correction once went live with a
note announcing a change its text did not contain), and publishing refuses an edition that
would change nothing.
"""

import difflib
import hashlib
import html
import json
import re

from django.utils.html import strip_tags

# Where the rendered Markdown breaks a line, so that a changed word shows its own paragraph,
# list item or table row rather than the whole section.
LINE_END = re.compile(r"</(?:p|li|h3|h4|tr|blockquote|pre)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)
CELL_END = re.compile(r"</t[dh]>", re.IGNORECASE)
WORD = re.compile(r"\s+|\S+")


def fingerprint(content: dict) -> str:
    """A short digest of an edition's text, so that publishing can check that the text is
    still the one whose differences the publisher read."""
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:32]


def plain_lines(markup: str) -> list[str]:
    """Cleaned HTML as the lines of plain text a reader sees; table cells joined by " | "."""
    # Line breaks in HTML source are spaces to a reader; only the block ends break lines.
    text = LINE_END.sub("\n", CELL_END.sub(" | ", " ".join(markup.split())))
    lines = (" ".join(line.split()).strip(" |") for line in strip_tags(text).splitlines())
    return [html.unescape(line) for line in lines if line]


def text_lines(content: dict) -> list[tuple[str, str]]:
    """The edition's words in reading order, as (the part they are in, one line)."""
    lines = [("Title", content.get("title", ""))]
    lines += [("Foreword", line) for line in plain_lines(content.get("foreword_html", ""))]
    for number, section in enumerate(content.get("sections", []), start=1):
        part = f"Section {number}: {section.get('heading', '')}"
        lines.append((part, section.get("heading", "")))
        lines += [(part, line) for line in plain_lines(section.get("html", ""))]
    conference = content.get("conference", {})
    for key, label in (("name", "Name"), ("date", "Date"), ("venue", "Venue"), ("url", "Web site")):
        if conference.get(key):
            lines.append(("The conference", f"{label}: {conference[key]}"))
    return lines


def word_changes(was: str, now: str) -> tuple[list, list]:
    """Both versions of a line as (changed, words) pieces, so the changed words can be marked."""
    before, after = WORD.findall(was), WORD.findall(now)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    removed, added = [], []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if old_start < old_end:
            removed.append((tag != "equal", "".join(before[old_start:old_end])))
        if new_start < new_end:
            added.append((tag != "equal", "".join(after[new_start:new_end])))
    return removed, added


def text_changes(before: dict, after: dict) -> list[dict]:
    """The lines that differ, grouped by the part they are in: ``[{"part": ..., "lines":
    [{"kind": "removed" or "added", "pieces": [(changed, words), ...]}, ...]}, ...]``."""
    old, new = text_lines(before), text_lines(after)
    matcher = difflib.SequenceMatcher(
        None, [line for _, line in old], [line for _, line in new], autojunk=False
    )
    changes: list[dict] = []

    def note(part: str, kind: str, pieces: list) -> None:
        if not changes or changes[-1]["part"] != part:
            changes.append({"part": part, "lines": []})
        changes[-1]["lines"].append({"kind": kind, "pieces": pieces})

    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = old[old_start:old_end], new[new_start:new_end]
        # A line replaced by one other is shown as a pair, its changed words marked.
        paired = min(len(removed), len(added))
        for (_, was), (part, now) in zip(removed[:paired], added[:paired], strict=True):
            was_pieces, now_pieces = word_changes(was, now)
            note(part, "removed", was_pieces)
            note(part, "added", now_pieces)
        for part, was in removed[paired:]:
            note(part, "removed", [(True, was)])
        for part, now in added[paired:]:
            note(part, "added", [(True, now)])
    return changes


def figure_cells(figures: dict) -> dict[tuple[str, str, str], int | str]:
    """Every number of the figures, by (table, row, column) as the reader sees them, and the
    page of the conference the review links to."""
    cells = {}
    conference = figures.get("conference_event")
    if conference:
        key = ("The conference", "Its event on LondonConnects", "Page")
        cells[key] = f"{conference['title']} ({conference['link']})"
    for table in figures.get("tables", []):
        for row in table["rows"]:
            for column, cell in zip(table["columns"], row["cells"], strict=True):
                cells[(table["title"], row["label"], column)] = cell["value"]
    previous = figures.get("previous") or {}
    for item in previous.get("headlines", []):
        key = (f"Compared with {previous['year']}", item["label"], str(previous["year"]))
        cells[key] = item["value"]
    return cells


def figure_changes(before: dict, after: dict) -> list[dict]:
    """The figures that differ (None where a row is new or gone), in the order of the tables."""
    old, new = figure_cells(before), figure_cells(after)
    changes = []
    for key in dict.fromkeys([*new, *old]):
        if old.get(key) != new.get(key):
            table, row, column = key
            changes.append(
                {
                    "table": table,
                    "row": row,
                    "column": column,
                    "was": old.get(key),
                    "now": new.get(key),
                }
            )
    return changes
