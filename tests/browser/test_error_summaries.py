"""Errors that lead to the field, in a real browser (issue 16, item 8): an officer whose
project ends before it starts is taken to the problem and from it to the end date."""

import pytest

from projects.models import Project
from tests.factories import OrganisationFactory, PartnerOfficerFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

END_DATE_ERROR = "End date: The end date must not be before the start date."


def focused(page) -> str:
    return page.evaluate("() => document.activeElement.id || document.activeElement.className")


def fill_a_project_that_ends_before_it_starts(page):
    page.fill("#id_title", "Newham customer contact centre")
    page.fill("#id_summary", "One number for every council service.")
    page.select_option("#id_programme", "pathfinder")
    page.fill("#id_start_date", "01/04/2002")
    page.fill("#id_end_date", "31/03/2001")
    page.click("input[name=_save]")
    page.wait_for_load_state()


def test_the_summary_takes_focus_and_its_link_leads_to_the_end_date(visit):
    officer = PartnerOfficerFactory(organisation=OrganisationFactory(name="Test Newham"))
    tab = visit(user=officer)
    page = tab.go("/admin/projects/project/add/")
    # Before anything is typed: how to write a date, and which fields must be filled in.
    assert "For example, 27/03/2024." in page.locator(".field-start_date .help").inner_text()
    required = page.evaluate(
        "() => getComputedStyle(document.querySelector('label[for=id_title]'), '::after').content"
    )
    assert "(required)" in required

    fill_a_project_that_ends_before_it_starts(page)

    summary = page.locator(".lc-error-summary")
    assert summary.is_visible()
    assert summary.inner_text().split("\n") == ["There is a problem", END_DATE_ERROR]
    assert not page.locator(".errornote").is_visible()  # the admin's own note gives way
    page.wait_for_function("() => document.activeElement.matches('.lc-error-summary')")
    # The error is beside the end date, and the summary's link takes focus there.
    row = page.locator(".form-row.field-end_date")
    assert "The end date must not be before the start date." in row.inner_text()
    summary.get_by_role("link", name=END_DATE_ERROR).click()
    assert focused(page) == "id_end_date"
    assert page.locator("label[for=id_end_date]").is_visible()
    # Everything typed is still there.
    assert page.input_value("#id_title") == "Newham customer contact centre"
    assert page.input_value("#id_start_date") == "01/04/2002"
    assert page.input_value("#id_end_date") == "31/03/2001"
    assert not Project.objects.exists()
    tab.assert_accessible("admin project form with the end date before the start date")

    page.fill("#id_end_date", "31/03/2004")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert Project.objects.get().end_date.isoformat() == "2004-03-31"


def test_without_javascript_the_summary_still_links_to_the_field(visit):
    officer = PartnerOfficerFactory(organisation=OrganisationFactory(name="Test Newham"))
    tab = visit(java_script=False, user=officer)
    page = tab.go("/admin/projects/project/add/")

    fill_a_project_that_ends_before_it_starts(page)
    page.locator(".lc-error-summary").get_by_role("link", name=END_DATE_ERROR).click()

    assert page.url.endswith("#id_end_date")
    assert focused(page) == "id_end_date"


def test_a_moderator_pastes_another_sites_address_and_keeps_the_decision(visit):
    from django.contrib.auth.models import Group as Role

    from partners.roles import MODERATOR
    from tests.factories import ForumFactory, MemberFactory, PaperFactory, TopicFactory

    moderator = MemberFactory()
    moderator.groups.add(Role.objects.get(name=MODERATOR))
    topic = TopicFactory(forum=ForumFactory(slug="smart-cards"), subject="Card readers")
    paper = PaperFactory(title="Smart card specification")
    tab = visit(user=moderator)
    page = tab.go(topic.get_absolute_url())
    decision = "Adopt ISO 14443 across London."

    page.fill("#decision", decision)
    page.fill("#decision-paper", f"https://www.example.org/papers/{paper.slug}/")
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_load_state()

    summary = page.locator(".govuk-error-summary")
    page.wait_for_function("() => document.activeElement.matches('.govuk-error-summary')")
    assert "That address is not on LondonConnects" in summary.inner_text()
    summary.get_by_role("link").click()
    assert focused(page) == "decision-paper"
    assert page.input_value("#decision") == decision
    # The refused form answers 400, as it should; the browser reports that status.
    tab.problems = [p for p in tab.problems if "status of 400" not in p]
    tab.assert_accessible("topic page with a refused decision paper")

    page.fill("#decision-paper", f"{tab.base_url}/papers/{paper.slug}/")
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Smart card specification").is_visible()
