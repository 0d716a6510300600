from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from jointwork.tables import TABLES

from .api import MAX_PAGE_SIZE, PAGE_SIZE, joint_work_filters
from .registers import REGISTERS, request_as


def type_label(kind) -> str:
    text = getattr(kind, "__name__", None) if not hasattr(kind, "__args__") else None
    text = text or str(kind).replace("datetime.", "").replace("decimal.", "")
    return {
        "str": "text",
        "bool": "true or false",
        "int": "whole number",
        "list[str]": "list of text",
        "date | None": "date or null",
        "datetime | None": "date and time or null",
        "date": "date",
        "Decimal | None": "decimal number or null",
        "int | None": "whole number or null",
        "list[str] | str": "list of text, or “Any”",
    }.get(text, text)


@require_safe
def docs(request):
    """The API's documentation: every register's two endpoints, its filters and fields, read
    from the same definitions the API serves."""
    registers = [
        {
            "register": register,
            "list_path": reverse("api:list_" + register.name),
            "filters": [
                {"name": name, "multiple": parameter.multiple}
                for name, parameter in register.filters().items()
            ],
            "fields": [
                {"name": column.name, "type": type_label(column.type)}
                for column in register.columns(request_as())
            ],
        }
        for register in REGISTERS
    ]
    return render(
        request,
        "api/docs.html",
        {
            "registers": registers,
            "joint_work": [
                {
                    "table": table,
                    "path": reverse(f"api:joint_work_{key}"),
                    "fields": [column.name for column in table.columns],
                }
                for key, table in TABLES.items()
            ],
            "joint_work_filters": list(joint_work_filters()),
            "schema_url": reverse("api:openapi-json"),
            "page_size": PAGE_SIZE,
            "max_page_size": MAX_PAGE_SIZE,
        },
    )
