"""What the register tests need to read a response."""

from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext


def body(response) -> str:
    """The text of a response, streamed (exports) or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def query_count(client, path) -> int:
    """How many queries a successful GET of ``path`` makes."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


class _Elements(HTMLParser):
    """The ids on a page, and each element's attributes and text, for what the tests read."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.summary_links: list[tuple[str, str]] = []
        self._summary_depth = 0  # inside an error summary: how many elements deep
        self._link: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if self._summary_depth:
            self._summary_depth += 1
        elif attrs.get("data-module") == "govuk-error-summary":
            self._summary_depth = 1
        if self._summary_depth and tag == "a":
            self._link = [attrs.get("href", ""), ""]

    def handle_startendtag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])

    def handle_endtag(self, tag):
        if self._summary_depth:
            self._summary_depth -= 1
        if tag == "a" and self._link is not None:
            href, text = self._link
            self.summary_links.append((href, " ".join(text.split())))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data


def error_summary(response) -> list[tuple[str, str]]:
    """The error summary's links, ``(href, text)``, each checked to lead to an element on
    the page."""
    page = _Elements(body(response))
    for href, text in page.summary_links:
        assert href.startswith("#") and href[1:] in page.ids, f"{text!r} links to {href!r}"
    return page.summary_links
