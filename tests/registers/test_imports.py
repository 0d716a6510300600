"""Spreadsheet import and export in the admin (issue 19): a preview row by row, nothing
written before the officer confirms, one transaction with one version per entry, scoped to the
officer's organisation, a file exported and imported again changes nothing, and bad files
answered with a clear message."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from contacts.models import Contact
from funding.models import FundingSource
from partners.models import Sector, SubRegion
from projects.models import Programme, Project, ProjectStatus
from registers import cache
from registers.imports import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from tests.factories import (
    ContactFactory,
    EditorFactory,
    FundingSourceFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    ProjectFactory,
    PublishedContactFactory,
)
from tests.pages import body, error_summary

pytestmark = pytest.mark.django_db

IMPORT = "/admin/projects/project/import/"
CONFIRM = "/admin/projects/project/process_import/"
EXPORT = "/admin/projects/project/export/"
HEADINGS = [
    "Title",
    "Web address",
    "Summary",
    "Description",
    "Programme",
    "Status",
    "Lead organisation",
    "Partner organisations",
    "Sub-regions",
    "Sectors",
    "Themes",
    "Start date",
    "End date",
    "Budget (£)",
    "Publication status",
]


@pytest.fixture
def newham():
    return OrganisationFactory(name="Test Newham", slug="test-newham")


@pytest.fixture
def hackney():
    return OrganisationFactory(name="Test Hackney", slug="test-hackney")


@pytest.fixture
def officer(staff_login, newham):
    return staff_login(PartnerOfficerFactory(organisation=newham))


@pytest.fixture
def editor(staff_login):
    return staff_login(EditorFactory())


def csv_file(rows, headings=HEADINGS, name="projects.csv", encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(encoding), content_type="text/csv")


def row(**values):
    """A file row by column heading; unnamed columns blank."""
    defaults = {
        "Title": "Newham smart card pilot",
        "Summary": "One card for library, leisure and travel.",
        "Programme": "Pathfinder",
        "Status": "Active",
        "Publication status": "Draft",
    }
    defaults.update(values)
    return [defaults.get(heading, "") for heading in HEADINGS]


def preview(client, upload, path=IMPORT):
    # As the page's form posts it: the file and the hidden fields.
    return client.post(path, {"import_file": upload, "resource": "0", "format": ""})


def confirm_data(response):
    form = response.context["confirm_form"]
    return {name: field.value() for name, field in ((n, form[n]) for n in form.fields)}


def rows_of(response):
    return {row.number: row for row in response.context["preview"].rows}


# -- the preview ------------------------------------------------------------------------------
def test_the_preview_says_row_by_row_what_will_happen_and_writes_nothing(
    client, officer, newham, hackney
):
    ProjectFactory(
        title="Newham contact centre",
        slug="newham-contact-centre",
        lead_organisation=newham,
        status=ProjectStatus.ACTIVE,
        programme=Programme.LOCAL,
    )
    ProjectFactory(title="Same as ever", slug="same-as-ever", lead_organisation=newham)
    before = Project.objects.count()
    upload = csv_file(
        [
            row(Title="Newham smart card pilot", **{"Partner organisations": "Test Hackney"}),
            row(
                Title="Newham contact centre",
                Summary="Partners join up a service for residents.",
                Description="A longer description of the project.",
                Programme="Local / other",
                **{
                    "Web address": "newham-contact-centre",
                    "Status": "Completed",
                    "Start date": "2002-04-01",
                },
            ),
            row(Title="Typo", Programme="Pathfnder"),
            row(Title="Unknown partner", **{"Partner organisations": "Test Nowhere"}),
            row(Title="Backwards", **{"Start date": "2003-04-01", "End date": "31/03/2002"}),
            row(Title="Bad date", **{"Start date": "31/13/2002"}),
            row(Title="Not ours", **{"Lead organisation": "Test Hackney"}),
            row(Title=""),
        ]
    )

    response = preview(client, upload)

    assert response.status_code == 200
    rows = rows_of(response)
    assert rows[2].label == "Will be added"
    assert rows[3].label == "Will be changed"
    assert [(c.column, c.old, c.new) for c in rows[3].changes] == [
        ("Status", "Active", "Completed")
    ]
    problems = {number: " ".join(rows[number].problems) for number in range(4, 10)}
    assert "unknown programme “Pathfnder”" in problems[4]
    assert "unknown partner organisation “Test Nowhere”" in problems[5]
    assert "end before start" in problems[6]
    assert "“31/13/2002” is not a start date" in problems[7]
    assert "another organisation's row" in problems[8]
    assert "missing title" in problems[9]
    assert all(rows[number].label == "Refused" for number in range(4, 10))
    # Each refusal is in the error summary, leading to its row; no confirmation is offered.
    links = error_summary(response)
    assert (
        "#row-4",
        "Row 4: Programme: unknown programme “Pathfnder”: use one of "
        "Pathfinder, Invest to Save (ISB), Other central government, EC-funded, "
        "Local / other.",
    ) in links
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert "Nothing has been imported" in body(response)
    assert Project.objects.count() == before
    assert Project.objects.get(slug="newham-contact-centre").status == ProjectStatus.ACTIVE


def test_confirming_writes_every_row_in_one_go_with_one_version_each(
    client, officer, newham, hackney, django_capture_on_commit_callbacks
):
    existing = ProjectFactory(
        title="Newham contact centre", slug="newham-contact-centre", lead_organisation=newham
    )
    existing.record_version("+")
    versions_before = existing.history.count()
    upload = csv_file(
        [
            row(
                Title="Newham smart card pilot",
                **{
                    "Partner organisations": "test-hackney",
                    "Sub-regions": "East",
                    "Sectors": "Local authority",
                    "Budget (£)": "£125,000",
                    "Start date": "01/04/2002",
                    "Web address": "",
                },
            ),
            row(
                Title="Newham contact centre",
                Summary="Now one number for every service.",
                **{"Web address": "newham-contact-centre", "Status": "Completed"},
            ),
        ]
    )
    response = preview(client, upload)
    assert response.context["preview"].may_confirm
    assert Project.objects.count() == 1  # the preview wrote nothing
    version = cache.data_version()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(CONFIRM, confirm_data(response))

    assert done.status_code == 302
    new = Project.objects.get(title="Newham smart card pilot")
    assert new.lead_organisation == newham
    assert [o.name for o in new.partner_organisations.all()] == ["Test Hackney"]
    assert list(new.sub_regions.values_list("slug", flat=True)) == ["east"]
    assert new.budget == 125000
    assert new.start_date == datetime.date(2002, 4, 1)
    assert new.slug == "newham-smart-card-pilot"
    # Exactly one version each, with the relations of the finished entry.
    assert new.history.count() == 1
    first = new.history.get()
    assert first.history_type == "+"
    assert first.history_user == officer
    assert [p.organisation.name for p in first.partner_organisations.all()] == ["Test Hackney"]
    existing.refresh_from_db()
    assert existing.status == ProjectStatus.COMPLETED
    assert existing.history.count() == versions_before + 1
    assert existing.history.first().history_change_reason == "Imported from projects.csv"
    # Cached pages see the change; the admin's log has it.
    assert cache.data_version() != version
    assert LogEntry.objects.filter(object_id=str(new.pk)).exists()
    # The search document was refreshed by the save.
    if connection.vendor == "postgresql":
        assert Project.objects.filter(pk=new.pk, search_vector__isnull=False).exists()
    assert Project.objects.search("smart card pilot").filter(pk=new.pk).exists()


def test_a_row_refused_at_the_confirmation_leaves_everything_as_it_was(client, officer, newham):
    upload = csv_file([row(Title="First"), row(Title="Second", **{"Web address": "second"})])
    response = preview(client, upload)
    data = confirm_data(response)
    # Between the preview and the confirmation, the web address of row 3 becomes another
    # organisation's entry.
    ProjectFactory(slug="second", lead_organisation=OrganisationFactory())

    done = client.post(CONFIRM, data)

    assert done.status_code == 409
    assert "Nothing was imported" in body(done)
    assert not Project.objects.filter(title="First").exists()


def test_a_forged_confirmation_cannot_write_another_organisations_rows(
    client, officer, newham, hackney
):
    ProjectFactory(title="Hackney's", slug="hackneys", lead_organisation=hackney)
    upload = csv_file(
        [
            row(Title="Ours"),
            row(Title="Taken over", **{"Web address": "hackneys"}),
            row(Title="Theirs", **{"Lead organisation": "Test Hackney"}),
        ]
    )
    response = preview(client, upload)
    rows = rows_of(response)
    assert rows[3].label == rows[4].label == "Refused"
    assert "is Test Hackney's" in rows[3].problems[0]
    # The file was kept for a confirmation the page does not offer; post one anyway.
    stored = response.context["form"].cleaned_data["import_file"].tmp_storage_name
    forged = {
        "import_file_name": stored,
        "original_file_name": "projects.csv",
        "format": "0",
        "resource": "0",
    }

    done = client.post(CONFIRM, forged)

    assert done.status_code == 409
    assert not Project.objects.filter(title__in=["Ours", "Theirs"]).exists()
    assert Project.objects.get(slug="hackneys").title == "Hackney's"


def test_an_editor_imports_for_any_organisation(client, editor, newham, hackney):
    ProjectFactory(title="Hackney's", slug="hackneys", lead_organisation=hackney)
    upload = csv_file(
        [
            row(Title="For Newham", **{"Lead organisation": "Test Newham"}),
            row(Title="Hackney's, renamed", **{"Web address": "hackneys"}),
            row(Title="Whose?"),
        ]
    )
    response = preview(client, upload)
    rows = rows_of(response)
    assert rows[2].label == "Will be added" and rows[3].label == "Will be changed"
    assert rows[4].problems == ["Lead organisation: missing lead organisation."]

    upload = csv_file(
        [
            row(Title="For Newham", **{"Lead organisation": "Test Newham"}),
            row(Title="Hackney's, renamed", **{"Web address": "hackneys"}),
        ]
    )
    response = preview(client, upload)
    assert client.post(CONFIRM, confirm_data(response)).status_code == 302
    assert Project.objects.get(title="For Newham").lead_organisation == newham
    assert Project.objects.get(slug="hackneys").lead_organisation == hackney


def test_the_confirmation_is_done_once(client, officer, newham):
    response = preview(client, csv_file([row(Title="Once")]))
    data = confirm_data(response)
    assert client.post(CONFIRM, data).status_code == 302

    again = client.post(CONFIRM, data, follow=True)

    assert "already done or has expired" in body(again)
    assert Project.objects.filter(title="Once").count() == 1


def test_two_confirmations_at_once_import_the_file_once(client, officer, newham, monkeypatch):
    # A double click: the second confirmation reads the stored file before the first has
    # removed it. Only the one that removes it imports; the other imports nothing.
    from import_export.tmp_storages import CacheStorage

    response = preview(client, csv_file([row(Title="Once")]))
    read = CacheStorage.read

    def read_then_taken_by_the_other(storage):
        data = read(storage)
        storage.remove()  # the other confirmation, a moment later, takes it
        return data

    monkeypatch.setattr(CacheStorage, "read", read_then_taken_by_the_other)
    again = client.post(CONFIRM, confirm_data(response), follow=True)

    assert "already done or has expired" in body(again)
    assert not Project.objects.filter(title="Once").exists()


# -- export, and back ---------------------------------------------------------------------------
def export(client, format_index="0", path=EXPORT):
    response = client.post(path, {"format": format_index})
    assert response.status_code == 200, body(response)[:2000]
    return response


@pytest.mark.parametrize(("format_index", "name"), [("0", "projects.csv"), ("1", "projects.xlsx")])
def test_a_file_exported_and_imported_again_changes_nothing(
    client, officer, newham, hackney, format_index, name
):
    east = SubRegion.objects.get(slug="east")
    sector = Sector.objects.get(slug="local-authority")
    projects = [
        ProjectFactory(
            title="Newham smart card pilot",
            slug="newham-smart-card-pilot",
            lead_organisation=newham,
            partners=[hackney],
            regions=[east],
            in_sectors=[sector],
            themes=["smart cards", "e-democracy"],
            budget="125000.50",
            end_date=datetime.date(2004, 3, 31),
            description="Lines, “quotes” and £ signs,\nkept as they are.\n- a list item",
        ),
        ProjectFactory(
            title='=HYPERLINK("http://example.org")', lead_organisation=newham, budget=None
        ),
        ProjectFactory(title="Hackney's own", lead_organisation=hackney),
    ]
    for project in projects:
        project.record_version("+")
    versions = {p.pk: p.history.count() for p in projects}
    snapshot = list(Project.objects.order_by("pk").values())

    exported = export(client, format_index)
    content = b"".join(exported) if exported.streaming else exported.content
    if name.endswith(".csv"):
        text = content.decode("utf-8-sig")
        assert "Hackney's own" not in text  # an officer exports their own only
        assert "'=HYPERLINK" in text  # escaped, so no spreadsheet runs it
    response = preview(client, SimpleUploadedFile(name, content))

    assert response.status_code == 200, body(response)[:3000]
    rows = response.context["preview"].rows
    assert [row.label for row in rows] == ["No change", "No change"], [r.problems for r in rows]
    assert not response.context["preview"].may_confirm
    assert list(Project.objects.order_by("pk").values()) == snapshot
    assert {p.pk: p.history.count() for p in projects} == versions


@pytest.mark.parametrize("format_index", ["0", "1"])
def test_contacts_and_funding_sources_round_trip_too(client, officer, newham, format_index):
    from tests.factories import GroupFactory

    group = GroupFactory(name="Thames Test Partnership", members=[newham])
    contact = ContactFactory(
        title="Ada Officer",
        organisation=newham,
        in_groups=[group],
        themes=["smart cards"],
        telephone="+44 20 7946 0000",
        email_consent_on=datetime.date(2024, 5, 1),
    )
    FundingSourceFactory(
        owner=newham,
        funder_organisation=newham,
        contact=contact,
        amount_min="1000.00",
        amount_max="25000.50",
        match_funding_percent=20,
        opens_on=datetime.date(2024, 1, 1),
        sectors=[Sector.objects.get(slug="local-authority")],
        themes=["e-democracy"],
    )
    for path, model in [
        ("/admin/contacts/contact/", Contact),
        ("/admin/funding/fundingsource/", FundingSource),
    ]:
        snapshot = list(model.objects.values())
        versions = model.history.count()
        content = export(client, format_index, path + "export/").content
        name = "file.csv" if format_index == "0" else "file.xlsx"
        response = preview(client, SimpleUploadedFile(name, content), path + "import/")
        rows = response.context["preview"].rows
        assert [row.label for row in rows] == ["No change"], [r.problems for r in rows]
        assert list(model.objects.values()) == snapshot
        assert model.history.count() == versions


def test_officers_use_existing_themes_and_editors_may_add_one(client, staff_login, newham):
    from taggit.models import Tag

    Tag.objects.create(name="smart cards", slug="smart-cards")
    staff_login(PartnerOfficerFactory(organisation=newham))
    rows = rows_of(preview(client, csv_file([row(Themes="Smart Cards, e-voting")])))
    assert rows[2].problems == ["Themes: unknown theme “e-voting”. Only an editor can add a theme."]
    staff_login(EditorFactory())
    upload = csv_file([row(Themes="smart card, e-voting", **{"Lead organisation": "Test Newham"})])
    rows = rows_of(preview(client, upload))
    assert "“smart card” looks like the existing theme “smart cards”" in rows[2].problems[0]
    upload = csv_file([row(Themes="smart cards, e-voting", **{"Lead organisation": "Test Newham"})])
    response = preview(client, upload)
    client.post(CONFIRM, confirm_data(response))
    assert set(Project.objects.get().tags.names()) == {"smart cards", "e-voting"}


def test_the_export_is_a_spreadsheet_of_the_import_columns(client, officer, newham):
    ProjectFactory(title="Newham smart card pilot", lead_organisation=newham)
    content = export(client, "1").content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[1]] == HEADINGS
    assert sheet["A2"].value == "Newham smart card pilot"


def test_contacts_and_funding_sources_import_the_same_way(client, officer, newham, hackney):
    ContactFactory(title="Ada Officer", slug="ada-officer", organisation=newham)
    FundingSourceFactory(title="Hackney's fund", slug="hackneys-fund", owner=hackney)
    contacts = csv_file(
        [
            ["Ada Officer", "ada-officer", "Head of e-government", "", "Draft", "+44 20 7000 0000"],
            ["Someone", "", "", "Test Hackney", "Draft", ""],
        ],
        headings=[
            "Name",
            "Web address",
            "Job title",
            "Organisation",
            "Publication status",
            "Telephone",
        ],
        name="contacts.csv",
    )
    response = preview(client, contacts, "/admin/contacts/contact/import/")
    rows = rows_of(response)
    assert rows[2].label == "Will be changed"
    assert "another organisation's row" in rows[3].problems[0]

    funds = csv_file(
        [["Hackney's fund", "hackneys-fund", "Money", "EC / EU", "Test Hackney"]],
        headings=["Title", "Web address", "Summary", "Origin", "Listed by"],
        name="funds.csv",
    )
    response = preview(client, funds, "/admin/funding/fundingsource/import/")
    assert "is Test Hackney's" in rows_of(response)[2].problems[0]
    assert Contact.objects.get(slug="ada-officer").telephone == "020 7946 0000"  # unchanged
    assert FundingSource.objects.get().title == "Hackney's fund"


# -- bad files ---------------------------------------------------------------------------------
def refused(client, upload):
    response = preview(client, upload)
    assert response.status_code in (200, 400), response.status_code
    page = body(response)
    assert "There is a problem" in page
    return " ".join(text for _href, text in error_summary(response))


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "projects.csv", "The file is a PDF"),
        (docx(), "projects.docx", "The file is a Word document"),
        (docx(), "projects.xlsx", "The file is a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "projects.xls", "old Microsoft"),
        (b"", "projects.csv", "The submitted file is empty"),
        (b"Title,Web address\n", "projects.csv", "no rows to import"),
        (b"PK\x03\x04 not really a zip", "projects.xlsx", "damaged"),
        (b"Title,Sumary\nA,B\n", "projects.csv", "columns this register does not have: “Sumary”"),
        (b"Summary\nB\n", "projects.csv", "must have the columns “Title” and “Web address”"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(client, officer, content, name, message):
    summary = refused(client, SimpleUploadedFile(name, content))
    assert message in summary
    assert not Project.objects.exists()


def test_too_many_rows_are_refused(client, officer):
    upload = csv_file([row(Title=f"Project {n}") for n in range(MAX_IMPORT_ROWS + 1)])
    assert f"more than {MAX_IMPORT_ROWS:,} rows" in refused(client, upload)


def test_too_large_a_file_is_refused(client, officer):
    upload = SimpleUploadedFile("projects.csv", b"Title\n" + b"x" * (MAX_IMPORT_BYTES + 1))
    assert "larger than 2 MB" in refused(client, upload)


def test_formula_cells_are_refused(client, officer):
    upload = csv_file(
        [
            row(Title='=HYPERLINK("http://evil.example","Click")'),
            row(Title="Fine", Summary="@SUM(A1:A2)"),
            row(Title="Text, escaped", Summary="'=not a formula"),
        ]
    )
    rows = rows_of(preview(client, upload))
    assert "could run as a formula" in rows[2].problems[0]
    assert "Summary: starts with “@”" in rows[3].problems[0]
    assert rows[4].label == "Will be added"


def test_formula_cells_in_an_xlsx_are_refused(client, officer):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADINGS)
    sheet.append(row(Title="Fine", Summary="=1+1"))
    out = io.BytesIO()
    book.save(out)
    rows = rows_of(preview(client, SimpleUploadedFile("projects.xlsx", out.getvalue())))
    assert "Summary: starts with “=”" in rows[2].problems[0]


def test_an_xlsx_with_date_cells_and_empty_columns_is_read(client, officer):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*HEADINGS, None, None])
    values = row(Title="Dated")
    values[HEADINGS.index("Start date")] = datetime.datetime(2002, 4, 1)
    sheet.append([*values, None, None])
    sheet.append([None] * (len(HEADINGS) + 2))  # a blank line, as spreadsheets leave
    out = io.BytesIO()
    book.save(out)
    response = preview(client, SimpleUploadedFile("projects.xlsx", out.getvalue()))
    assert [row.label for row in response.context["preview"].rows] == ["Will be added"]
    client.post(CONFIRM, confirm_data(response))
    assert Project.objects.get(title="Dated").start_date == datetime.date(2002, 4, 1)


def test_a_column_with_values_but_no_heading_is_refused(client, officer):
    upload = SimpleUploadedFile("projects.csv", b"Title,Web address,\nA,,stray\n")
    assert "values but no heading" in refused(client, upload)


def test_a_windows_1252_csv_is_read(client, officer):
    upload = csv_file([row(Title="Café kiosks", **{"Budget (£)": "£1,000"})], encoding="cp1252")
    response = preview(client, upload)
    rows = rows_of(response)
    assert rows[2].label == "Will be added", rows[2].problems
    client.post(CONFIRM, confirm_data(response))
    assert Project.objects.get(title="Café kiosks").budget == 1000


def test_a_utf8_csv_with_a_byte_order_mark_is_read(client, officer):
    upload = csv_file([row(Title="Café kiosks")], encoding="utf-8-sig")
    assert rows_of(preview(client, upload))[2].label == "Will be added"


def test_an_officer_of_no_organisation_may_not_import(client, staff_login):
    from tests.factories import UserFactory

    staff_login(UserFactory(is_staff=True))
    assert client.get(IMPORT).status_code == 403


def test_the_pages_and_links_are_there_for_an_officer(client, officer):
    assert 'href="/admin/projects/project/import/"' in body(client.get("/admin/projects/project/"))
    page = client.get(IMPORT)
    assert page.status_code == 200
    assert "<h1>Import projects</h1>" in body(page)
    assert client.get(EXPORT).status_code == 200


def test_a_funding_source_names_only_a_published_contact_as_its_admin_form_offers(
    client, officer, newham, hackney
):
    # The admin's contact picker offers published people only (and the one already chosen);
    # an import naming a draft contact, here another organisation's, is refused in the same
    # words as an unknown one, so the preview does not tell that the draft exists.
    ContactFactory(title="Hackney draft person", slug="hackney-draft-person", organisation=hackney)
    PublishedContactFactory(title="Hackney public person", organisation=hackney)
    funds = csv_file(
        [
            ["Newham fund", "", "Money", "EC / EU", "A trust", "Hackney draft person"],
            ["Newham fund two", "", "Money", "EC / EU", "A trust", "Hackney public person"],
        ],
        headings=["Title", "Web address", "Summary", "Origin", "Funder", "Contact"],
        name="funds.csv",
    )
    rows = rows_of(preview(client, funds, "/admin/funding/fundingsource/import/"))
    assert rows[2].problems == [
        "Contact: unknown contact “Hackney draft person”: use the name or web address of one "
        "in the register."
    ]
    assert rows[3].problems == []
