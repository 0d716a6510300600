"""A refused admin form leads the officer to each error (issue 16, item 8): a GOV.UK-style
error summary whose links point at the fields, each error beside its field, a hint on date
fields, required fields marked in words, and everything typed kept."""

import re

import pytest
from django.urls import reverse

from projects.models import Project
from tests.factories import OrganisationFactory, PartnerOfficerFactory, ProjectFactory
from tests.pages import body, error_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def newham():
    return OrganisationFactory(name="Test Newham", slug="test-newham")


@pytest.fixture
def officer(staff_login, newham):
    return staff_login(PartnerOfficerFactory(organisation=newham))


def project_data(**overrides):
    data = {
        "title": "Newham customer contact centre",
        "slug": "",
        "summary": "One number for every council service.",
        "description": "Typed with care, and not to be lost.",
        "publication_status": "draft",
        "programme": "pathfinder",
        "status": "active",
        "start_date": "01/04/2002",
        "end_date": "31/03/2001",
        "budget": "125000",
        "tags": "",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "links-0-kind": "site",
        "links-0-label": "The project's own site",
        "links-0-url": "not a web address",
        "links-0-order": "0",
    }
    data.update(overrides)
    return data


def form_row(page, field):
    """The admin's row of ``field``: from its opening tag to the next row."""
    start = re.search(rf'class="form-row[^"]* field-{field}"', page).start()
    following = page.find('class="form-row', start + 1)
    return page[start : following if following != -1 else None]


def test_a_refused_project_leads_to_each_field_and_keeps_what_was_typed(client, officer):
    response = client.post(reverse("admin:projects_project_add"), project_data(title=""))

    assert response.status_code == 200
    assert not Project.objects.exists()
    page = body(response)
    # The summary, in place of the admin's "Please correct the errors below".
    assert re.search(r'<div class="lc-error-summary"[^>]*tabindex="-1"', page)
    assert '<div role="alert">' in page and "There is a problem" in page
    links = dict(error_summary(response))  # every link leads to an element on the page
    assert len(links) == 3
    assert links["#id_title"] == "Title: This field is required."
    assert links["#id_end_date"] == "End date: The end date must not be before the start date."
    assert links["#id_links-0-url"] == "Hyperlink 1, web address: Enter a valid URL."
    # Each error is beside its own field, and described by it; none sits apart at the top.
    end_date_row = form_row(page, "end_date")
    assert "The end date must not be before the start date." in end_date_row
    assert 'aria-describedby="id_end_date_helptext id_end_date_error"' in end_date_row
    assert '<ul class="errorlist nonfield">' not in page
    # What was typed is all still there, the dates as typed.
    for name, typed in [
        ("start_date", "01/04/2002"),
        ("end_date", "31/03/2001"),
        ("budget", "125000"),
        ("links-0-label", "The project&#x27;s own site"),
        ("links-0-url", "not a web address"),
    ]:
        assert re.search(rf'name="{name}"[^>]*value="{typed}"', page), name
    assert ">\nOne number for every council service.</textarea>" in page
    assert ">\nTyped with care, and not to be lost.</textarea>" in page


def test_date_fields_say_how_to_type_a_date_and_required_fields_are_marked(client, officer):
    response = client.get(reverse("admin:projects_project_add"))

    page = body(response)
    for field in ["start_date", "end_date"]:
        assert re.search(
            rf'id="id_{field}_helptext">\s*<div>For example, 27/03/2024\.</div>', page
        ), field
    # Required fields' labels carry the class admin.css words "(required)"; optional ones not.
    assert '<label class="required" for="id_title">' in page
    assert '<label for="id_end_date">' in page
    assert "admin-site/admin.css" in page
    assert "There is a problem" not in page


def test_the_date_hint_comes_before_a_fields_own_help(client, staff_login):
    from tests.factories import EditorFactory

    staff_login(EditorFactory())

    page = body(client.get(reverse("admin:funding_fundingsource_add")))

    assert "For example, 27/03/2024. Blank for a rolling programme." in page


def test_the_steering_groups_conference_date_has_the_hint_too(client, staff_login):
    from tests.factories import SteeringMemberFactory

    staff_login(SteeringMemberFactory())

    page = body(client.get(reverse("admin:reviews_review_add")))

    assert re.search(r'id="id_conference_date_helptext">\s*<div>For example, 27/03/2024\.', page)


def test_a_stale_save_is_in_the_summary_and_leads_to_the_first_field(client, officer, newham):
    project = ProjectFactory(title="Before", lead_organisation=newham)
    data = project_data(
        title="Mine", slug=project.slug, end_date="", edit_version="2001-01-01T00:00:00+00:00"
    )
    data.update({"links-TOTAL_FORMS": "0"})

    response = client.post(reverse("admin:projects_project_change", args=[project.pk]), data)

    assert response.status_code == 200
    [(href, text)] = error_summary(response)
    assert href == "#id_title" and text.startswith("Someone else saved this entry")
    assert re.search(r'name="title"[^>]*value="Mine"', body(response))


def test_a_form_without_errors_has_no_summary(client, officer):
    response = client.post(
        reverse("admin:projects_project_add"),
        project_data(end_date="", **{"links-TOTAL_FORMS": "0"}),
    )

    assert response.status_code == 302
    assert Project.objects.get().title == "Newham customer contact centre"


def test_an_error_on_a_list_of_choices_leads_to_its_first_choice(client, officer, newham):
    response = client.post(
        reverse("admin:projects_project_add"),
        project_data(end_date="", partner_organisations=[newham.pk], **{"links-TOTAL_FORMS": "0"}),
    )

    [(href, text)] = error_summary(response)  # the link's target is on the page
    assert href.startswith("#id_partner_organisations")
    assert text.endswith("leads this project, so it cannot also be listed as a partner.")
