"""Forum posts, review sections and other long texts are written in Markdown and stored as
HTML that nh3 (the Ammonia sanitiser) has cleaned against an allow-list. Rendering happens
once, on save; what is shown is only ever the stored, cleaned HTML, never the author's
input."""

import nh3
from markdown_it import MarkdownIt

# CommonMark with tables and strikethrough; raw HTML in the input is escaped, not passed on.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def render(markdown_text: str) -> str:
    html = _markdown.render(markdown_text)
    # Headings come down to h3/h4: the page's own h1 and h2 stay the page's.
    for level, to in (("h1", "h3"), ("h2", "h3"), ("h5", "h4"), ("h6", "h4")):
        html = html.replace(f"<{level}>", f"<{to}>").replace(f"</{level}>", f"</{to}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
        strip_comments=True,
    )
