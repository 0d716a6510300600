"""An officer previews a draft before publishing it, in a real browser (issue 16, items 4 and
6): "Save and preview" saves the edit and shows the project's public page under a "Draft — not
published" banner that passes axe and reflows; the public gets a 404 at the same address; and
"Still correct" stamps the review date."""

import datetime

import pytest
from django.utils import timezone

from projects.models import Project
from tests.factories import OrganisationFactory, PartnerOfficerFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Newham smart card pilot"
NEW_SUMMARY = "Residents use one card for the library, the leisure centre and parking."


def test_an_officer_edits_a_draft_and_previews_it_before_publishing(visit):
    organisation = OrganisationFactory(name="Test Newham")
    officer = PartnerOfficerFactory(organisation=organisation)
    project = ProjectFactory(title=TITLE, lead_organisation=organisation)
    change_path = f"/admin/projects/project/{project.pk}/change/"
    preview_path = f"/admin/projects/project/{project.pk}/preview/"
    tab = visit(user=officer)

    page = tab.go(change_path)
    page.fill("#id_summary", NEW_SUMMARY)
    page.get_by_role("button", name="Save and preview").click()
    page.wait_for_url(f"**{preview_path}")

    banner = page.get_by_role("region", name="Preview")
    assert "Draft — not published" in banner.inner_text()
    main = page.locator("main").inner_text()
    assert TITLE in main and NEW_SUMMARY in main
    assert "was changed successfully" in main
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    tab.assert_accessible("a draft project's preview")
    project.refresh_from_db()
    assert project.summary == NEW_SUMMARY and not project.is_published

    # Back to editing from the banner; "View on site" leads to the preview too.
    banner.get_by_role("link", name="Go back to editing it in the admin").click()
    page.wait_for_url(f"**{change_path}")
    page.get_by_role("link", name="View on site").click()
    page.wait_for_url(f"**{preview_path}")

    narrow = visit(user=officer, width=320, height=800).go(preview_path)
    overflow = narrow.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the preview scrolls sideways by {overflow}px at 320px wide"

    public = visit().go(preview_path, expect_status=404)
    assert TITLE not in public.content()
    other_officer = PartnerOfficerFactory(organisation=OrganisationFactory())
    other = visit(user=other_officer).go(preview_path, expect_status=404)
    assert TITLE not in other.content()


def test_an_officer_confirms_an_unchanged_entry_still_correct(visit):
    organisation = OrganisationFactory(name="Test Newham")
    project = ProjectFactory(title=TITLE, lead_organisation=organisation)
    long_ago = timezone.localdate() - datetime.timedelta(days=500)
    Project.objects.filter(pk=project.pk).update(last_reviewed_on=long_ago)
    tab = visit(user=PartnerOfficerFactory(organisation=organisation))

    page = tab.go(f"/admin/projects/project/{project.pk}/change/")
    page.get_by_role("button", name="Still correct").click()
    page.wait_for_load_state()

    assert "marked as still correct" in page.locator(".messagelist").inner_text()
    project.refresh_from_db()
    assert project.last_reviewed_on == timezone.localdate()
    assert project.history.count() == 1  # no version: only the review date changed
