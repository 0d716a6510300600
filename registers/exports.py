"""CSV and JSON exports of a register list: exactly the rows the list's filters select, all
pages, streamed so that a large register never has to fit in memory."""

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

FORMATS = ("csv", "json")
CHUNK_SIZE = 500


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[Any], Any]
    # What the value is, for the API's schema (api/): text unless a column says otherwise.
    type: Any = str


class _Echo:
    def write(self, value):
        return value


def names(related) -> list[str]:
    """The names of a prefetched relation, for an export column."""
    return [item.name for item in related.all()]


def _spreadsheet_safe(value: str) -> str:
    # A cell starting with these is run as a formula by spreadsheet programs.
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    return _spreadsheet_safe(str(value))


def _rows(queryset, columns: list[Column]) -> Iterable[list]:
    for entry in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [column.value(entry) for column in columns]


def export_response(queryset, columns: list[Column], *, fmt: str, filename: str):
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield writer.writerow([column.name for column in columns])
            for row in _rows(queryset, columns):
                yield writer.writerow([csv_cell(value) for value in row])

        content_type = "text/csv; charset=utf-8"
        body = lines()
    else:
        names = [column.name for column in columns]

        def chunks():
            yield "["
            for index, row in enumerate(_rows(queryset, columns)):
                prefix = "," if index else ""
                yield prefix + json.dumps(dict(zip(names, row, strict=True)), cls=DjangoJSONEncoder)
            yield "]\n"

        content_type = "application/json"
        body = chunks()
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
