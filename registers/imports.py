"""Spreadsheet import and export of a register in the admin (django-import-export).

An officer exports their organisation's entries as CSV or Excel (.xlsx), edits the file, and
imports it again. The import is shown first as a preview, row by row: what will be added,
changed, left alone or refused, and why, in plain words. Nothing is written until they
confirm; the confirmed import is one transaction (every row, or none), each entry saved one by
one as the admin saves it (one version in its history, its search document refreshed, the
cached pages' data version moved on commit).

Each register declares its columns as a ``RegisterResource`` (projects/imports.py and the
like) and mixes ``SpreadsheetImportMixin`` into its ``OrganisationScopedAdmin``: the rest is
here, once. The same resource writes the export, so a file exported and imported again changes
nothing.

Rules an officer's file is held to:
- at most MAX_IMPORT_ROWS (500) rows and MAX_IMPORT_BYTES (2 MB): the preview and the
  confirmed import each run inside one request, saving row by row as the admin does (the
  entry, its relations, its one version with their snapshot, its search document): about
  40 ms a row on the 2-core build machine, so 500 rows take some 20 seconds, within
  gunicorn's 30-second worker timeout. One organisation's register is tens to a few hundred
  entries; a larger file is split;
- CSV (UTF-8, with or without the byte-order mark Excel writes, or Windows-1252, which Excel
  on Windows writes for "CSV") or Excel .xlsx; anything else (a PDF, a Word document, an
  old .xls) is refused by what the file holds, whatever its name;
- a cell that starts with =, +, - or @ is refused: a spreadsheet program could run it as a
  formula (CSV/formula injection). The export writes such a value with an apostrophe before
  it, which the import takes off again;
- an officer imports only their own organisation's entries; editors import any.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.views.decorators.http import require_POST
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage
from taggit.models import Tag

from partners.models import Organisation

from .admin import can_edit_all_organisations, organisation_of
from .forms import either
from .tags import comma_splitter, near_duplicates, nearest_themes

MAX_IMPORT_ROWS = 500
MAX_IMPORT_BYTES = 2 * 1024 * 1024
# What a spreadsheet program may read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
ESCAPED_FORMULA = re.compile(r"^'+[=+\-@]")


class SpreadsheetRefused(Exception):
    """A file the import will not read, with the reason in the officer's words."""


# -- reading the file -------------------------------------------------------------------------
def file_kind(head: bytes) -> str:
    """ "csv" or "xlsx" from what the file holds (its first bytes), not its name; anything else
    is refused with what it seems to be."""
    if not head:
        raise SpreadsheetRefused("The file is empty.")
    if head.startswith(b"%PDF"):
        raise SpreadsheetRefused(
            "The file is a PDF, not a spreadsheet. Save your spreadsheet as CSV or Excel "
            "(.xlsx) and upload that."
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetRefused(
            "The file is in an old Microsoft Office format (.xls or .doc). Open it in Excel "
            "and save it as Excel Workbook (.xlsx) or CSV."
        )
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"  # a zip: read_xlsx says if it is not a workbook
    if b"\x00" in head:
        raise SpreadsheetRefused(
            "The file is not a CSV or Excel (.xlsx) spreadsheet. Save your spreadsheet as one "
            "of those and upload that."
        )
    return "csv"


def decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetRefused(
        "The file's characters could not be read. Save it from your spreadsheet as “CSV UTF-8” "
        "and upload it again."
    )


def checked_dataset(headers, rows):
    """A tablib Dataset of the rows, refused when it has no columns, no rows, or too many.
    Rows left wholly blank (a spreadsheet's trailing lines) are dropped."""
    import tablib

    headers = [str(header).strip() if header is not None else "" for header in headers]
    if not any(headers):
        raise SpreadsheetRefused(
            "The file has no column headings. Its first row must name the columns, as an "
            "export does."
        )
    # Columns with no heading (a spreadsheet's formatted but empty columns) are left out; one
    # that holds something is refused below.
    kept = [index for index, header in enumerate(headers) if header]
    dataset = tablib.Dataset(headers=[headers[index] for index in kept])
    for row in rows:
        row = list(row)
        row += [None] * (len(headers) - len(row))
        if any(not headers[index] and not is_blank(value) for index, value in enumerate(row)):
            raise SpreadsheetRefused(
                "A column has values but no heading. Give every column a heading in the "
                "first row, as an export does, or delete the column."
            )
        values = [row[index] for index in kept]
        if all(is_blank(value) for value in values):
            continue
        if len(dataset) == MAX_IMPORT_ROWS:
            raise SpreadsheetRefused(
                f"The file has more than {MAX_IMPORT_ROWS:,} rows. Import at most "
                f"{MAX_IMPORT_ROWS:,} rows at a time: split the file and import each part."
            )
        dataset.append(values)
    if not len(dataset):
        raise SpreadsheetRefused("The file has column headings but no rows to import.")
    return dataset


def is_blank(value) -> bool:
    return value is None or str(value).strip() == ""


def read_csv(data: bytes):
    text = decode_csv(data)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        headers = next(reader, None)
        if headers is None:
            raise SpreadsheetRefused("The file is empty.")
        return checked_dataset(headers, reader)
    except csv.Error as error:
        raise SpreadsheetRefused(f"The file could not be read as CSV ({error}).") from None


def read_xlsx(data: bytes):
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise SpreadsheetRefused(
            "The file is damaged or not a spreadsheet: it could not be opened as Excel (.xlsx)."
        ) from None
    if "word/document.xml" in names:
        raise SpreadsheetRefused(
            "The file is a Word document, not a spreadsheet. Put the entries in a spreadsheet "
            "and save it as CSV or Excel (.xlsx)."
        )
    if "xl/workbook.xml" not in names:
        raise SpreadsheetRefused(
            "The file is not an Excel (.xlsx) workbook. Save your spreadsheet as CSV or Excel "
            "(.xlsx) and upload that."
        )
    try:
        # Not data_only: a formula cell reads as its formula ("=..."), which is refused,
        # rather than as whatever value Excel last worked out for it.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        rows = book.worksheets[0].iter_rows(values_only=True)
        headers = next(rows, None)
        if headers is None:
            raise SpreadsheetRefused("The workbook's first sheet is empty.")
        return checked_dataset(headers, rows)
    except SpreadsheetRefused:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise SpreadsheetRefused(
            "The workbook could not be read: it may be damaged. Open it in Excel, save it "
            "again as Excel (.xlsx) or CSV, and upload that."
        ) from None


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        # With the byte-order mark, Excel reads the file as UTF-8 ("£" stays "£").
        return "\ufeff" + super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        data = in_stream.encode() if isinstance(in_stream, str) else in_stream
        if file_kind(data[:8192]) != "csv":
            raise SpreadsheetRefused("The file is an Excel workbook, not CSV.")
        return read_csv(data)

    def is_binary(self):
        # Read and stored as bytes: read_csv decodes (UTF-8, else Windows-1252).
        return True

    def get_read_mode(self):
        return "rb"


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream, **kwargs):
        if file_kind(in_stream[:8192]) != "xlsx":
            raise SpreadsheetRefused("The file is CSV, not an Excel workbook.")
        return read_xlsx(in_stream)


FORMATS = [CSV, XLSX]


# -- cells ---------------------------------------------------------------------------------------
def escape_formula(value):
    """A text value as the export writes it: one that a spreadsheet could take for a formula
    gets an apostrophe before it (one already starting with apostrophes gets one more, so the
    import gives back exactly the value)."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or ESCAPED_FORMULA.match(value)
    ):
        return "'" + value
    return value


# A telephone number or a plain number ("+44 20 7983 4000", "-12.5") is no formula a
# spreadsheet could run, however it starts.
NUMBER_LIKE = re.compile(r"^[+\-][\d\s().,/-]*$")


def unescape_formula(value: str) -> str:
    if ESCAPED_FORMULA.match(value):
        return value[1:]
    if value.startswith(FORMULA_STARTS) and not NUMBER_LIKE.match(value):
        raise ValueError(
            f"starts with “{value[0]}”, which a spreadsheet program could run as a formula. "
            f"If it is text, put an apostrophe before it ('{value[:20]})."
        )
    return value


def text_of(value) -> str:
    """A cell as text: strings stripped, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape_formula(str(value).strip())


class Text(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return text_of(value)

    def render(self, value, obj=None, **kwargs):
        return escape_formula("" if value is None else str(value))


class Choice(widgets.Widget):
    """A choice by its label ("Invest to Save (ISB)") or its code ("isb")."""

    def __init__(self, choices, noun: str, **kwargs):
        self.choices = list(choices)
        self.noun = noun
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        if not text:
            return ""
        for code, label in self.choices:
            if text.lower() in (str(code).lower(), str(label).lower()):
                return code
        known = ", ".join(str(label) for _code, label in self.choices)
        raise ValueError(f"unknown {self.noun} “{text}”: use one of {known}.")

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class DateCell(widgets.Widget):
    """A date as 2026-03-31 (what the export writes) or 31/03/2026; an Excel date cell."""

    FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")

    def __init__(self, noun: str, **kwargs):
        self.noun = noun
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = text_of(value)
        if not text:
            return None
        for format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, format).date()
            except ValueError:
                continue
        raise ValueError(
            f"“{text}” is not a {self.noun} that can be read: write it as 2026-03-31 or 31/03/2026."
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class Amount(widgets.Widget):
    """A sum of money or a number: "£125,000", "125000.50"."""

    def __init__(self, noun: str, whole=False, **kwargs):
        self.noun = noun
        self.whole = whole
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            number = Decimal(str(value))
        else:
            text = text_of(value).replace(",", "").replace("£", "").replace("€", "").strip()
            if not text:
                return None
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise ValueError(f"“{text_of(value)}” is not a number.") from None
        if self.whole:
            if number != number.to_integral_value():
                raise ValueError(f"“{value}” is not a whole number.")
            return int(number)
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class Named:
    """Finds a row of another table (an organisation, a sector, a group, a person) by its
    name or its web address (slug), whatever the case; each text looked up once per import."""

    def __init__(self, model, noun: str, label="name"):
        self.model = model
        self.noun = noun
        self.label = label
        self.found = {}

    def find(self, text: str):
        key = text.lower()
        if key not in self.found:
            self.found[key] = (
                self.model._default_manager.filter(
                    Q(slug__iexact=text) | Q(**{f"{self.label}__iexact": text})
                )
                .order_by("pk")
                .first()
            )
        if self.found[key] is None:
            raise ValueError(
                f"unknown {self.noun} “{text}”: use the name or web address of one in the register."
            )
        return self.found[key]


class OneNamed(widgets.Widget):
    def __init__(self, model, noun: str, label="name", **kwargs):
        self.named = Named(model, noun, label)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        return self.named.find(text) if text else None

    def render(self, value, obj=None, **kwargs):
        return escape_formula(str(getattr(value, self.named.label))) if value else ""


class ManyNamed(widgets.ManyToManyWidget):
    """Comma-separated names or web addresses, saved as the admin saves a many-to-many
    field (after the entry, see RegisterResource.save_m2m)."""

    def __init__(self, model, noun: str, label="name", **kwargs):
        self.named = Named(model, noun, label)
        super().__init__(model, **kwargs)

    def clean(self, value, row=None, **kwargs):
        names = [part.strip() for part in text_of(value).split(",") if part.strip()]
        found = []
        unknown = []
        for name in names:
            try:
                entry = self.named.find(name)
            except ValueError:
                unknown.append(name)
                continue
            if entry not in found:
                found.append(entry)
        if unknown:
            quoted = ", ".join(f"“{name}”" for name in unknown)
            raise ValueError(
                f"unknown {self.named.noun}{'s' if len(unknown) > 1 else ''} {quoted}: use the "
                "names or web addresses of those in the register, separated by commas."
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        names = sorted(str(getattr(entry, self.named.label)) for entry in value.all())
        return escape_formula(", ".join(names))

    @staticmethod
    def keys(values) -> set:
        return {entry.pk for entry in values}


class Themes(widgets.ManyToManyWidget):
    """Comma-separated themes, from the vocabulary every register shares: officers use
    existing themes only; editors may add one unlike any existing theme (as the admin form
    rules, registers.forms)."""

    def __init__(self, **kwargs):
        self.may_add = False
        self._vocabulary = None
        super().__init__(Tag, **kwargs)

    def vocabulary(self) -> list[str]:
        if self._vocabulary is None:
            self._vocabulary = list(Tag.objects.values_list("name", flat=True))
        return self._vocabulary

    def clean(self, value, row=None, **kwargs):
        names = comma_splitter(text_of(value))
        vocabulary = self.vocabulary()
        known = {theme.lower() for theme in vocabulary}
        problems = []
        for name in (name for name in names if name.lower() not in known):
            if not self.may_add:
                nearest = nearest_themes(name, vocabulary)
                hint = f" Did you mean {either(nearest)}?" if nearest else ""
                problems.append(f"unknown theme “{name}”.{hint} Only an editor can add a theme.")
            elif alike := near_duplicates(name, vocabulary):
                problems.append(
                    f"“{name}” looks like the existing theme {either(alike)}: use that one, or "
                    "add the new theme in the entry's form."
                )
        if problems:
            raise ValueError(" ".join(problems))
        return names

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return escape_formula(", ".join(sorted(tag.name for tag in value.all())))

    @staticmethod
    def keys(values) -> set:
        return {str(value).lower() for value in values}


def column(model, attribute, widget, name=None):
    """A column of a register's spreadsheet, headed as the admin labels the field."""
    if name is None:
        name = capfirst(str(model._meta.get_field(attribute).verbose_name))
    return fields.Field(attribute=attribute, column_name=name, widget=widget)


# -- the resource -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ColumnChange:
    column: str
    old: str
    new: str


class ChangesDiff:
    """What a row does to its entry, column by column, in the file's own words (the export
    representation): read before the row is applied and again after."""

    def __init__(self, resource, instance, new):
        self.columns = [field.column_name for field in resource.get_import_fields()]
        self.left = [] if new else self.values(resource, instance)
        self.right = []
        self.new = new

    @staticmethod
    def values(resource, instance):
        return [field.export(instance) for field in resource.get_import_fields()]

    def compare_with(self, resource, instance):
        self.right = self.values(resource, instance) if instance is not None else []

    def as_html(self):
        if self.new:
            return [
                ColumnChange(name, "", new)
                for name, new in zip(self.columns, self.right, strict=False)
                if new
            ]
        return [
            ColumnChange(name, old, new)
            for name, old, new in zip(self.columns, self.left, self.right, strict=False)
            if old != new
        ]


class UnscopedLoader(ModelInstanceLoader):
    """Finds the entry a row's web address names in the whole register, so that a row naming
    another organisation's entry is refused as theirs rather than taken for a new one."""

    def get_queryset(self):
        return self.resource._meta.model._default_manager.all()


class RegisterResource(resources.ModelResource):
    """The columns of a register's spreadsheet, identified by the web address (slug).

    A register's resource declares its columns (``column(...)``) and ``owner_field`` (the
    organisation that keeps an entry, as its admin's). ``user`` is the officer importing or
    exporting: an officer's rows must be their organisation's, an editor's may be any's.
    """

    owner_field = ""
    # Model fields a row must give (a blank cell is "missing ..."), beyond what the model
    # itself requires.
    required: tuple[str, ...] = ()

    class Meta:
        import_id_fields = ("slug",)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        instance_loader_class = UnscopedLoader

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.editor = user is not None and can_edit_all_organisations(user)
        self.organisation = organisation_of(user) if user is not None else None
        self.seen_slugs: dict[str, int] = {}
        self.file_name = ""
        for field in self.fields.values():
            if isinstance(field.widget, Themes):
                field.widget.may_add = self.editor

    def get_diff_class(self):
        return ChangesDiff

    @classmethod
    def column_names(cls) -> list[str]:
        return [field.column_name for field in cls().get_import_fields()]

    def get_queryset(self):
        return self._meta.model._default_manager.all()

    # -- the file as a whole --------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        self.file_name = kwargs.get("file_name") or ""
        known = {name.lower(): name for name in self.column_names()}
        headers = list(dataset.headers)
        unknown = [header for header in headers if header and header.lower() not in known]
        if unknown:
            raise SpreadsheetRefused(
                "The file has columns this register does not have: "
                + ", ".join(f"“{header}”" for header in unknown)
                + ". Use the column headings of an export: "
                + ", ".join(self.column_names())
                + "."
            )
        # Headings match whatever their case.
        dataset.headers = [known.get((header or "").lower(), header) for header in headers]
        duplicated = {header for header in dataset.headers if dataset.headers.count(header) > 1}
        if duplicated:
            raise SpreadsheetRefused(
                "The file has more than one column headed "
                + ", ".join(f"“{header}”" for header in sorted(duplicated) if header)
                + "."
            )
        id_column = self.fields["slug"].column_name
        title_column = self.fields["title"].column_name
        if id_column not in dataset.headers or title_column not in dataset.headers:
            raise SpreadsheetRefused(
                f"The file must have the columns “{title_column}” and “{id_column}” (the "
                f"entry's web address: it says which entry a row updates; leave it blank for "
                f"a new entry)."
            )

    # -- one row --------------------------------------------------------------------------
    def get_instance(self, instance_loader, row):
        if not text_of_safe(row.get(self.fields["slug"].column_name)):
            return None  # a new entry: its web address is made from its title
        return super().get_instance(instance_loader, row)

    def after_init_instance(self, instance, new, row, **kwargs):
        # The organisation that kept the entry before this row, for the scope check.
        instance._owner_before = None if new else getattr(instance, f"{self.owner_field}_id")
        instance._imported_new = new

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        required = self.required_fields()
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
            if field.attribute == self.owner_field:
                continue  # blank: see check_scope
            if (
                field.attribute in required
                and field.attribute not in errors
                and text_of_safe(row[field.column_name]) == ""
            ):
                errors[field.attribute] = [f"missing {field.column_name.lower()}."]
        self.check_scope(instance, row, errors)
        self.check_duplicate(instance, row, errors, kwargs.get("row_number"))
        self.check_row(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def required_fields(self) -> set[str]:
        model_required = {
            field.name
            for field in self._meta.model._meta.concrete_fields
            if not field.blank and field.editable
        }
        return model_required | set(self.required) | {"title"}

    def check_scope(self, instance, row, errors) -> None:
        owner_column = self.fields[self.owner_field].column_name
        owner_before = instance._owner_before
        blank = not text_of_safe(row.get(owner_column))
        if self.editor:
            if blank and owner_before is None and self.owner_field not in errors:
                errors[self.owner_field] = [f"missing {owner_column.lower()}."]
            return
        organisation = self.organisation
        verbose = self._meta.model._meta
        if organisation is None:
            errors[self.owner_field] = ["your account belongs to no organisation."]
            return
        if owner_before is not None and owner_before != organisation.pk:
            owner = Organisation.objects.filter(pk=owner_before).first()
            errors[self.owner_field] = [
                f"another organisation's row: this {verbose.verbose_name} is {owner}'s. You "
                f"can import only {organisation}'s {verbose.verbose_name_plural}."
            ]
            return
        chosen = getattr(instance, f"{self.owner_field}_id")
        if not blank and chosen != organisation.pk:
            if self.owner_field not in errors:
                errors[self.owner_field] = [
                    f"another organisation's row: it names "
                    f"{getattr(instance, self.owner_field)}. You can import only "
                    f"{organisation}'s {verbose.verbose_name_plural}."
                ]
            return
        setattr(instance, self.owner_field, organisation)  # blank means "ours"

    def check_duplicate(self, instance, row, errors, row_number) -> None:
        slug = text_of_safe(row.get(self.fields["slug"].column_name)).lower()
        if not slug:
            return
        if slug in self.seen_slugs:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                f"the web address “{slug}” is also on row {self.seen_slugs[slug]}: each entry "
                "may be in the file once."
            )
        else:
            self.seen_slugs[slug] = row_number

    def check_row(self, instance, row, errors) -> None:
        """A register's own rules that its admin form checks (beyond the model's), adding to
        ``errors`` (by field); a field already in error there is not read again."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(
                {
                    key: [message[:1].lower() + message[1:] for message in messages_]
                    for key, messages_ in error.message_dict.items()
                }
            ) from None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance._imported_new:
            return False
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                current = field.get_value(original)
                if field.widget.keys(field.clean(row)) != field.widget.keys(
                    current.all() if not isinstance(field.widget, Themes) else current.names()
                ):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    # -- saving, as the admin saves: one version per entry ---------------------------------
    def do_instance_save(self, instance, is_create):
        instance.skip_history_when_saving = True
        instance._change_reason = f"Imported from {self.file_name}" if self.file_name else ""
        instance.save(force_insert=is_create)

    def save_m2m(self, instance, row, **kwargs):
        try:
            super().save_m2m(instance, row, **kwargs)
        finally:
            instance.__dict__.pop("skip_history_when_saving", None)
        instance.record_version("+" if instance._imported_new else "~")

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        row_result.row_number = kwargs.get("row_number")
        row_result.row_title = text_of_safe(row.get(self.fields["title"].column_name))
        return row_result

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == self.owner_field and not text_of_safe(row.get(field.column_name)):
            return  # blank: the officer's own organisation, or the entry's owner (check_scope)
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # For the preview: a refusal names the column, as the file heads it.
        result.column_names = {
            field.attribute: field.column_name for field in self.get_import_fields()
        }

    # -- export ---------------------------------------------------------------------------
    def filter_export(self, queryset, **kwargs):
        # The related names each row writes, fetched for all the rows at once.
        single = [f.attribute for f in self.get_export_fields() if isinstance(f.widget, OneNamed)]
        many = [
            f.attribute
            for f in self.get_export_fields()
            if isinstance(f.widget, widgets.ManyToManyWidget)
        ]
        return queryset.select_related(*single).prefetch_related(*many)


def text_of_safe(value) -> str:
    """A cell as text for looking at, formula or not."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# -- the admin --------------------------------------------------------------------------------
class SpreadsheetImportForm(ImportForm):
    """The file only: whether it is CSV or Excel is read from what it holds."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.fields["import_file"].label = "Spreadsheet (CSV or Excel .xlsx)"
        self.fields["import_file"].widget = forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx",
                "aria-describedby": "id_import_file_helptext",
            }
        )
        self.fields["import_file"].error_messages["required"] = "Choose a file to import."
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()

    @property
    def media(self):
        return forms.Media()

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB. Import at most "
                f"{MAX_IMPORT_ROWS:,} rows at a time: split the file and import each part."
            )
        head = upload.read(8192)
        upload.seek(0)
        try:
            kind = file_kind(head)
        except SpreadsheetRefused as refused:
            raise ValidationError(str(refused)) from None
        self.kind = kind
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = getattr(self, "kind", None)
        if kind is not None:
            index = next(i for i, fmt in enumerate(self.formats) if fmt().get_extension() == kind)
            cleaned["format"] = str(index)
        return cleaned


class ImportFileStorage(CacheStorage):
    """The file kept between the preview and the confirmation, in the cache every web
    process shares (Redis in production), not on one process's disk."""

    def take(self):
        """The file, for one confirmation only: of two at once (a double click), only the one
        whose delete finds the key imports it; the other gets None."""
        data = self.read()
        if data is None or not cache.delete(self.CACHE_PREFIX + self.name):
            return None
        return data


class SpreadsheetImportMixin(ImportExportMixin):
    """Import and export of a register's entries in its admin, scoped as the admin is (mixed
    into an ``OrganisationScopedAdmin``, before it in the bases)."""

    import_template_name = "admin/registers/import.html"
    export_template_name = "admin/registers/export.html"
    # The register's change list (registers/templates/admin/registers/change_list.html)
    # carries the Import and Export links itself.
    import_export_change_list_template = None
    import_form_class = SpreadsheetImportForm
    confirm_form_class = ConfirmImportForm
    export_form_class = ExportForm
    import_formats = FORMATS
    export_formats = FORMATS
    # Stored between the preview and the confirmation in the cache every web process shares
    # (Redis in production), not on one process's disk.
    tmp_storage_class = "registers.imports.ImportFileStorage"
    skip_admin_log = False

    # -- who may --------------------------------------------------------------------------
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def get_import_data_kwargs(self, request=None, form=None, **kwargs):
        # Any refused row at the confirmation (the data changed since the preview, or a
        # forged confirmation) rolls the whole import back.
        return {**kwargs, "rollback_on_validation_errors": True}

    # -- pages ----------------------------------------------------------------------------
    def get_import_context_data(self, **kwargs):
        resource = self.get_import_resource_classes(None)[0]
        return {
            "columns": resource.column_names(),
            "max_rows": MAX_IMPORT_ROWS,
            "max_megabytes": MAX_IMPORT_BYTES // (1024 * 1024),
            "owner_column": resource.fields[resource.owner_field].column_name,
        }

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse):
            context = response.context_data
            context["title"] = f"Import {self.opts.verbose_name_plural}"
            context["preview"] = preview_of(context.get("result"))
            context["organisation"] = (
                None if can_edit_all_organisations(request.user) else organisation_of(request.user)
            )
            form = context.get("form")
            if request.method == "POST" and form is not None and form.errors:
                response.status_code = 400
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetRefused):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                "The file could not be read as a CSV or Excel (.xlsx) spreadsheet.",
            )

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """The confirmation: the file stored at the preview, imported again for real in one
        transaction; any refused row (a forged or stale confirmation) and nothing is written."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        formats = self.get_import_formats()
        data = None
        if confirm_form.is_valid():
            try:
                index = int(confirm_form.cleaned_data["format"])
                input_format = formats[index]()
            except (ValueError, IndexError):
                input_format = None
            if input_format is not None:
                storage = self.get_tmp_storage_class()(
                    name=confirm_form.cleaned_data["import_file_name"],
                    read_mode=input_format.get_read_mode(),
                    **self.get_tmp_storage_class_kwargs(),
                )
                data = storage.take()
        if not data:
            messages.error(
                request,
                "That import was already done or has expired: nothing more was imported. "
                "Upload the file again to see its preview.",
            )
            return HttpResponseRedirect(
                reverse("admin:{}_{}_import".format(*self.get_model_info()))
            )
        try:
            dataset = input_format.create_dataset(data)
        except SpreadsheetRefused as refused:
            messages.error(request, f"Nothing was imported. {refused}")
            return HttpResponseRedirect(
                reverse("admin:{}_{}_import".format(*self.get_model_info()))
            )
        result = self.process_dataset(dataset, confirm_form, request, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            context = {
                **self.get_import_context_data(),
                **self.admin_site.each_context(request),
                "title": f"Import {self.opts.verbose_name_plural}",
                "opts": self.opts,
                "form": self.get_import_form_class(request)(
                    formats, self.get_import_resource_classes(request)
                ),
                "result": result,
                "preview": preview_of(result),
                "not_imported": True,
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context, status=409)
        return self.process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        added, changed = totals[RowResult.IMPORT_TYPE_NEW], totals[RowResult.IMPORT_TYPE_UPDATE]
        unchanged = totals[RowResult.IMPORT_TYPE_SKIP]
        plural = self.opts.verbose_name_plural
        messages.success(
            request,
            f"Imported: {added} {plural} added, {changed} changed, {unchanged} unchanged. "
            "Each entry added or changed has a new version in its history.",
        )

    def get_export_filename(self, request, queryset, file_format):
        name = self.opts.verbose_name_plural.replace(" ", "-")
        return f"{name}-{timezone.localdate().isoformat()}.{file_format.get_extension()}"

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        context["title"] = f"Export {self.opts.verbose_name_plural}"
        return context


# -- the preview, in words ----------------------------------------------------------------------
@dataclass(frozen=True)
class PreviewRow:
    number: int
    title: str
    outcome: str  # "new", "update", "skip", "invalid", "error"
    label: str
    changes: list
    problems: list


OUTCOME_LABELS = {
    RowResult.IMPORT_TYPE_NEW: "Will be added",
    RowResult.IMPORT_TYPE_UPDATE: "Will be changed",
    RowResult.IMPORT_TYPE_SKIP: "No change",
    RowResult.IMPORT_TYPE_INVALID: "Refused",
    RowResult.IMPORT_TYPE_ERROR: "Refused",
}


@dataclass(frozen=True)
class Preview:
    rows: list
    file_problems: list
    added: int
    changed: int
    unchanged: int
    refused: int

    @property
    def may_confirm(self) -> bool:
        return not self.file_problems and not self.refused and (self.added or self.changed)


def problems_of(row_result, columns: dict[str, str]) -> list[str]:
    problems = []
    if row_result.validation_error is not None:
        for key, texts in row_result.validation_error.message_dict.items():
            name = columns.get(key)
            for text in texts:
                problems.append(f"{name}: {text}" if name else capfirst(text))
    for error in row_result.errors:
        problems.append(f"Could not be saved: {error.error}")
    return problems


def preview_of(result) -> Preview | None:
    """The import's result as the preview shows it."""
    if result is None:
        return None
    file_problems = [
        str(error.error)
        if isinstance(error.error, SpreadsheetRefused)
        else "The file could not be read as a CSV or Excel (.xlsx) spreadsheet."
        for error in result.base_errors
    ]
    if file_problems:
        return Preview([], file_problems, 0, 0, 0, 0)
    columns = getattr(result, "column_names", {})
    rows = []
    for row_result in result.rows:
        outcome = row_result.import_type
        rows.append(
            PreviewRow(
                number=getattr(row_result, "row_number", 0) + 1,  # the heading is row 1
                title=getattr(row_result, "row_title", "") or row_result.object_repr or "",
                outcome=outcome,
                label=OUTCOME_LABELS.get(outcome, outcome),
                changes=row_result.diff or [] if outcome in ("new", "update") else [],
                problems=problems_of(row_result, columns),
            )
        )
    count = lambda kind: sum(1 for row in rows if row.outcome == kind)  # noqa: E731
    return Preview(
        rows=rows,
        file_problems=[],
        added=count("new"),
        changed=count("update"),
        unchanged=count("skip"),
        refused=count("invalid") + count("error"),
    )
