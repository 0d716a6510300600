"""The read-only JSON API (django-ninja): for every register, a list with the same filters and
pages as its list page, and an entry by slug; the OpenAPI schema at /api/openapi.json.

Rows are the register's own export rows (``api.registers``): published, public data, with
the same consent rules as the pages.
"""

import math
from typing import Annotated, Any

from django.http import Http404
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from pydantic import Field, WithJsonSchema, create_model

from jointwork.analysis import FILTERS, filterset_for, joint_work
from jointwork.tables import TABLES, Table
from projects.filters import ProjectFilterSet
from registers.filters import filter_errors

from .registers import REGISTERS, Parameter, Register, describe_filter, request_as

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100

api = NinjaAPI(
    title="LondonConnects API",
    version="1",
    description=(
        "Read-only open data from LondonConnects: who is doing what in London's e-government. "
        "Published, public entries only, under the Open Government Licence v3.0."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the docs page is the site's own, at /api/ (api.views)
)


REFUSED_LIST = (
    "A parameter not understood: a filter value the register does not know (a slug no entry "
    "has, a choice not listed), a page or page size out of range. Nothing is left out quietly: "
    "errors lists each one."
)
REFUSED_ENTRY = "A slug longer than 200 characters; errors says so."


class Problem(Schema):
    detail: str
    errors: list[str] = []


def problem(request, status: int, detail: str, errors: list[str] | None = None):
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    errors = [
        f"{'.'.join(str(part) for part in error.get('loc', ())[1:]) or 'request'}: "
        f"{error.get('msg', 'not valid')}"
        for error in exc.errors
    ]
    return problem(request, 400, "Some parameters were not understood.", errors)


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(request, 404, str(exc) or "Not found.")


def model_name(register: Register, suffix: str) -> str:
    return "".join(part.capitalize() for part in register.name.split("_")) + suffix


def item_model(register: Register):
    fields = {column.name: (column.type, ...) for column in register.columns(request_as())}
    return create_model(model_name(register, "Item"), **fields)


def filters_model(register: Register):
    fields = filter_fields(register.filters())
    fields["page"] = (int, Field(1, ge=1, description="Page number, from 1."))
    fields["page_size"] = (
        int,
        Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Entries a page."),
    )
    return create_model(model_name(register, "Filters"), **fields)


def filter_fields(parameters: dict[str, Parameter]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, parameter in parameters.items():
        # Typed as text: the register's FilterSet validates the values, with its own messages,
        # as on the register's page. The schema says what it accepts: one value repeated, or
        # one value or none (an empty field of the page's form, as if left out).
        if parameter.multiple:
            schema = {"type": "array", "items": parameter.schema}
        else:
            schema = {"anyOf": [parameter.schema, {"const": ""}]}
        kind = list[str] | None if parameter.multiple else str | None
        fields[name] = (
            Annotated[kind, WithJsonSchema(schema)],
            Field(None, description=parameter.description),
        )
    return fields


def page_link(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def add_register(register: Register) -> None:
    Item = item_model(register)
    Filters = filters_model(register)
    Page = create_model(
        model_name(register, "Page"),
        count=(int, ...),
        page=(int, ...),
        pages=(int, ...),
        next=(str | None, ...),
        previous=(str | None, ...),
        results=(list[Item], ...),
    )

    # Rows and columns are always the public's, whoever asks: a partner's session never
    # widens them.
    def list_entries(request, filters: Query[Filters]):
        public = request_as()
        filterset = register.filterset_class(request.GET, queryset=register.rows(public))
        if not filterset.is_valid():
            errors = filter_errors(filterset)
            return problem(request, 400, "Some filters were not understood.", errors)
        rows = filterset.qs
        if register.ordering:
            rows = rows.order_by(*register.ordering, "pk")
        count = rows.count()
        pages = max(1, math.ceil(count / filters.page_size))
        if filters.page > pages:
            return problem(request, 404, f"There are {pages} pages of {register.name}.")
        start = (filters.page - 1) * filters.page_size
        columns = register.columns(public)
        results = [
            {column.name: column.value(row) for column in columns}
            for row in rows[start : start + filters.page_size]
        ]
        return {
            "count": count,
            "page": filters.page,
            "pages": pages,
            "next": page_link(request, filters.page + 1) if filters.page < pages else None,
            "previous": page_link(request, filters.page - 1) if filters.page > 1 else None,
            "results": results,
        }

    def get_entry(request, slug: Annotated[str, Field(max_length=200)]):
        public = request_as()
        row = register.rows(public).filter(slug=slug).first()
        if row is None:
            detail = f"No published entry in {register.name} is called “{slug}”."
            return problem(request, 404, detail)
        return {column.name: column.value(row) for column in register.columns(public)}

    api.get(
        f"/{register.name}/",
        response={200: Page, 400: Problem, 404: Problem},
        openapi_extra={"responses": {400: {"description": REFUSED_LIST}}},
        summary=f"{register.title}: a page of entries",
        description=register.description,
        tags=[register.title],
        operation_id=f"list_{register.name}",
        url_name=f"list_{register.name}",
    )(list_entries)
    api.get(
        f"/{register.name}/{{slug}}/",
        response={200: Item, 400: Problem, 404: Problem},
        openapi_extra={"responses": {400: {"description": REFUSED_ENTRY}}},
        summary=f"{register.title}: one entry",
        description=register.description,
        tags=[register.title],
        operation_id=f"get_{register.name}",
        url_name=f"get_{register.name}",
    )(get_entry)


for _register in REGISTERS:
    add_register(_register)


# The map of joint work (/joint-work/): each of its tables, for the project register's filters
# the map offers, as the page's CSV/JSON downloads give them.
def joint_work_filters() -> dict[str, Parameter]:
    return {
        name: describe_filter(ProjectFilterSet, name, ProjectFilterSet.base_filters[name])
        for name in FILTERS
    }


def add_joint_work_table(key: str, table: Table) -> None:
    Row = create_model(
        "JointWork" + "".join(part.capitalize() for part in key.split("_")) + "Row",
        **{column.name: (column.type, ...) for column in table.columns},
    )
    fields = filter_fields(joint_work_filters())
    Filters = create_model("JointWork" + key.capitalize() + "Filters", **fields)

    def rows(request, filters: Query[Filters]):
        filterset = filterset_for(request.GET)
        if not filterset.is_valid():
            errors = filter_errors(filterset)
            return problem(request, 400, "Some filters were not understood.", errors)
        return table.rows(joint_work(filterset))

    api.get(
        f"/joint-work/{key}/",
        response={200: list[Row], 400: Problem},
        openapi_extra={"responses": {400: {"description": REFUSED_LIST}}},
        summary=f"Joint work: {table.title.lower()}",
        description=table.description,
        tags=["Joint work"],
        operation_id=f"joint_work_{key}",
        url_name=f"joint_work_{key}",
    )(rows)


for _key, _table in TABLES.items():
    add_joint_work_table(_key, _table)
