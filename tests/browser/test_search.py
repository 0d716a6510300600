"""A newcomer searching on whichever database the site runs on (SQLite by default, PostgreSQL
with DATABASE_URL): a misspelt search offers "Did you mean", and following it finds entries,
on the site search and on a register's list."""

import pytest

from partners.models import Organisation
from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def smart_card_projects():
    PublishedProjectFactory(
        title="Newham Smart Card Pathfinder",
        summary="One card for libraries and leisure centres.",
        lead_organisation=Organisation.objects.get(slug="newham"),
    )
    PublishedProjectFactory(title="Smart cards for tenants", summary="Rent and repairs.")


@pytest.mark.parametrize("width", [1280, 375])
def test_a_misspelt_site_search_leads_to_results(visit, smart_card_projects, width):
    tab = visit(width=width)
    page = tab.go("/")

    page.get_by_label("Search LondonConnects").fill("smart crads")
    page.get_by_label("Search LondonConnects").press("Enter")
    page.wait_for_url("**/search/?q=smart+crads")
    assert page.locator("#results-count").inner_text().startswith("0 results")
    suggestion = page.get_by_role("link", name="smart cards")
    assert page.locator(".lc-suggestion").inner_text() == "Did you mean smart cards?"

    suggestion.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=smart+cards")
    assert page.locator("#results-count").inner_text().startswith("2 results")
    assert page.get_by_role("link", name="Newham Smart Card Pathfinder").is_visible()
    assert page.get_by_role("link", name="Smart cards for tenants").is_visible()
    assert not page.locator(".lc-suggestion").count()
    assert not tab.problems


def test_a_misspelt_register_search_leads_to_its_entries_without_javascript(
    visit, smart_card_projects
):
    tab = visit(java_script=False)
    page = tab.go("/projects/")

    page.get_by_label("Search projects").fill("smartcard")
    page.get_by_label("Search projects").press("Enter")
    page.wait_for_url("**/projects/?q=smartcard**")
    assert page.get_by_role("heading", name="No projects match").is_visible()
    page.get_by_role("link", name="smart card").click()

    assert "q=smart+card" in page.url
    assert page.get_by_role("link", name="Newham Smart Card Pathfinder").is_visible()
    assert page.get_by_role("link", name="Smart cards for tenants").is_visible()
    assert not tab.problems
