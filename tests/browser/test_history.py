"""A partner officer edits a project twice, reads its history and restores a version, in a real
browser (issue 16, item 5): each save is one version, "What changed" is in plain words, and a
version is read-only with Restore as its only action."""

import pytest

from projects.models import ProjectStatus
from tests.factories import OrganisationFactory, PartnerOfficerFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_officer_reads_the_history_and_restores_a_version(visit):
    newham = OrganisationFactory(name="Test Newham")
    project = ProjectFactory(
        title="Contact centre", lead_organisation=newham, status=ProjectStatus.PROPOSED
    )
    tab = visit(user=PartnerOfficerFactory(organisation=newham))
    change_path = f"/admin/projects/project/{project.pk}/change/"

    page = tab.go(change_path)
    page.locator("#id_status").select_option(label="Active")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**{change_path}")
    page.locator("#id_links-0-kind").select_option(label="Project web site")
    page.locator("#id_links-0-label").fill("Contact centre site")
    page.locator("#id_links-0-url").fill("https://contact.example.org/")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**{change_path}")
    assert project.history.count() == 3  # created, then two saves: one version each

    page.get_by_role("link", name="History").first.click()
    page.wait_for_url("**/history/")
    rows = page.locator("#change-history tbody tr")
    assert rows.count() == 3
    newest, middle, first = (rows.nth(number).inner_text() for number in range(3))
    assert "Hyperlinks: added: Contact centre site (https://contact.example.org/)" in newest
    assert "Status: Proposed → Active" in middle
    assert "First version" in first
    tab.assert_accessible("a project's history")

    # The version after the first edit: read-only, saying so, with Restore its only action.
    rows.nth(1).get_by_role("link").click()
    page.wait_for_url("**/history/*/")
    content = page.locator("#content-main")
    assert "This is an earlier version; it cannot be edited here." in content.inner_text()
    assert content.get_by_role("textbox").count() == 0
    assert content.get_by_role("combobox").count() == 0
    assert content.get_by_role("button").all_inner_texts() == ["Restore this version"]
    tab.assert_accessible("an earlier version of a project")

    content.get_by_role("button", name="Restore this version").click()
    page.wait_for_url(f"**{change_path}")
    assert "was restored to its version of" in page.locator(".messagelist").inner_text()
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE
    assert project.links.count() == 0  # the version had no links yet
    assert project.history.count() == 4
