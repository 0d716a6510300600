"""CSV and JSON exports of a register list: exactly the rows the list's filters select, all
pages, streamed so that a large register never has to fit in memory."""

import csv
import json
import re
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


# A spreadsheet runs a cell starting with = + - @ as a formula (tab and carriage return are
# dropped before one), and it may split a line on a comma, a semicolon (where the decimal mark
# is a comma), a tab or a line break whatever the quotes say: a cell may start after any of
# those, past spaces and stray quotes it trims. A quote mark there makes the cell text.
_FORMULA_START = re.compile(r"""(^|[,;\t\r\n])([ "]*)(?=[=+\-@\t\r])""")


def _spreadsheet_safe(value: str) -> str:
    return _FORMULA_START.sub(r"\1\2'", value)


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    return _spreadsheet_safe(str(value))


class CsvWriter:
    """How the site writes every CSV it hands out: each cell quoted and made safe to open in
    a spreadsheet. ``writerow`` returns what it wrote, as ``csv.writer``'s does."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL)

    def writerow(self, values: Iterable):
        return self._writer.writerow([csv_cell(value) for value in values])


def _rows(queryset, columns: list[Column]) -> Iterable[list]:
    # A queryset is read in chunks; a list (a figure's rows, already counted) as it is.
    entries = (
        queryset.iterator(chunk_size=CHUNK_SIZE) if hasattr(queryset, "iterator") else queryset
    )
    for entry in entries:
        yield [column.value(entry) for column in columns]


def export_response(queryset, columns: list[Column], *, fmt: str, filename: str):
    if fmt == "csv":
        writer = CsvWriter(_Echo())

        def lines():
            yield writer.writerow([column.name for column in columns])
            for row in _rows(queryset, columns):
                yield writer.writerow(row)

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
