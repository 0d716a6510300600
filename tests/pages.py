"""What the register tests need to read a response."""

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
