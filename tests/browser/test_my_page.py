"""An officer's /my/ in a real browser: signed in, they follow "Your page" from the header,
press "Still correct" beside an entry due for review, are told so where they pressed it, and
the entry leaves the list; the page passes axe before and after, and reflows at 320 px."""

import datetime

import pytest
from django.utils import timezone

from projects.models import Project
from tests.factories import (
    OrganisationFactory,
    PartnerOfficerFactory,
    ProjectInterestFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def due(project):
    long_ago = timezone.localdate() - datetime.timedelta(days=500)
    Project.objects.filter(pk=project.pk).update(last_reviewed_on=long_ago)
    return project


def test_an_officer_confirms_a_due_entry_from_their_page(visit):
    newham = OrganisationFactory(name="Test Newham")
    confirmed = due(
        PublishedProjectFactory(title="Newham smart card pilot", lead_organisation=newham)
    )
    due(PublishedProjectFactory(title="Newham e-democracy pilot", lead_organisation=newham))
    due(PublishedProjectFactory(title="Camden pilot", lead_organisation=OrganisationFactory()))
    ProjectInterestFactory(project=confirmed, organisation=OrganisationFactory(name="Test Ealing"))
    tab = visit(user=PartnerOfficerFactory(organisation=newham))

    page = tab.go("/")
    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Your page"
    ).click()
    page.wait_for_url("**/my/")
    review = page.locator("section", has=page.locator("#review"))
    assert "Newham smart card pilot" in review.inner_text()
    assert "Camden pilot" not in page.locator("main").inner_text()
    assert "Test Ealing" in page.locator("section", has=page.locator("#interest")).inner_text()
    tab.assert_accessible("/my/ with entries due for review")

    entry = review.get_by_role("listitem").filter(has_text="Newham smart card pilot")
    entry.get_by_role("button", name="Still correct").click()
    page.wait_for_url("**/my/#review-message")

    message = page.locator("#review-message")
    assert "“Newham smart card pilot” is marked as still correct" in message.inner_text()
    assert page.evaluate("document.activeElement.id") == "review-message"
    assert "Newham smart card pilot" not in page.locator("ul.lc-results").first.inner_text()
    assert "Newham e-democracy pilot" in review.inner_text()
    confirmed.refresh_from_db()
    assert confirmed.last_reviewed_on == timezone.localdate()
    tab.assert_accessible("/my/ after 'Still correct'")
