"""A signed-in partner saves a filtered list as an e-mail alert, sees it confirmed, and finds
it on their alerts page: in a real browser, each page passing axe."""

import pytest

from alerts.models import SavedSearch
from tests.factories import MemberFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_partner_saves_a_filtered_list_as_an_alert(visit):
    PublishedProjectFactory(title="Smart card pathfinder", programme="pathfinder")
    member = MemberFactory()
    tab = visit(user=member)

    page = tab.go("/projects/?programme=pathfinder")
    tab.assert_accessible("project list with the alert form")
    page.check("#alert-daily")
    page.click("button:has-text('Send me new entries')")
    page.wait_for_load_state()

    assert (
        "will be e-mailed to you daily" in page.locator(".govuk-notification-banner").inner_text()
    )
    saved = SavedSearch.objects.get(user=member)
    assert (saved.register, saved.query, saved.frequency) == (
        "projects",
        "programme=pathfinder",
        "daily",
    )
    page = tab.go("/alerts/")
    assert "Projects matching Programme: Pathfinder" in page.locator("h2").all_inner_texts()
    tab.assert_accessible("alerts page")
