"""An officer imports a spreadsheet in a real browser: the preview shows each row and the one
refused with its reason, the error summary takes focus, and the pages pass axe (WCAG 2.2 AA)
with no CSP violation."""

import pytest

from projects.models import Project
from tests.factories import OrganisationFactory, PartnerOfficerFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HEADINGS = "Title,Web address,Summary,Programme,Status,Lead organisation,Start date,End date\n"


def test_an_officer_previews_a_file_with_a_bad_row_then_imports_it(visit, tmp_path):
    newham = OrganisationFactory(name="Test Newham", slug="test-newham")
    ProjectFactory(
        title="Newham contact centre",
        slug="newham-contact-centre",
        lead_organisation=newham,
        summary="One number.",
        status="active",
    )
    officer = PartnerOfficerFactory(organisation=newham)
    tab = visit(user=officer)
    bad = tmp_path / "projects.csv"
    bad.write_text(
        HEADINGS
        + "Newham smart card pilot,,One card for everything.,Pathfinder,Active,,01/04/2002,\n"
        + "Newham contact centre,newham-contact-centre,One number.,Local / other,Completed,"
        + ",2002-04-01,\n"
        + "Backwards project,,Ends first.,Pathfnder,Active,,2003-04-01,2002-03-31\n"
    )

    page = tab.go("/admin/projects/project/")
    page.get_by_role("link", name="Import from a spreadsheet").click()
    page.wait_for_load_state()
    tab.assert_accessible("admin import form")
    page.set_input_files("#id_import_file", str(bad))
    tab.problems = []  # axe's own styles on the last page: this page answers for its own
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_load_state()

    summary = page.locator(".lc-error-summary")
    assert summary.is_visible()
    page.wait_for_function("document.activeElement.classList.contains('lc-error-summary')")
    assert "Row 4: Programme: unknown programme “Pathfnder”" in summary.inner_text()
    rows = page.locator("#preview tbody tr")
    assert rows.count() == 3
    assert "Will be added" in rows.nth(0).inner_text()
    assert "Status: Active → Completed" in rows.nth(1).inner_text()
    refused = rows.nth(2).inner_text()
    assert "Refused" in refused and "end before start" in refused
    assert page.locator("input[name=confirm]").count() == 0  # nothing to confirm yet
    tab.assert_accessible("admin import preview with a refused row")
    assert not Project.objects.filter(title="Newham smart card pilot").exists()

    good = tmp_path / "projects-fixed.csv"
    good.write_text(
        bad.read_text().replace("Pathfnder", "Pathfinder").replace("2002-03-31", "2004-03-31")
    )
    page.set_input_files("#id_import_file", str(good))
    tab.problems = []  # axe's own styles on the last page: this page answers for its own
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_load_state()
    tab.assert_accessible("admin import preview")
    tab.problems = []
    page.locator("input[name=confirm]").click()
    page.wait_for_load_state()

    assert "Imported: 2 projects added, 1 changed, 0 unchanged." in page.content()
    assert Project.objects.get(slug="newham-contact-centre").status == "completed"
    assert Project.objects.filter(lead_organisation=newham).count() == 3


def test_the_export_page_is_accessible(visit):
    newham = OrganisationFactory(name="Test Newham", slug="test-newham")
    tab = visit(user=PartnerOfficerFactory(organisation=newham))
    tab.go("/admin/projects/project/export/")
    tab.assert_accessible("admin export")
    tab.go("/admin/contacts/contact/import/")
    tab.assert_accessible("admin contacts import")
