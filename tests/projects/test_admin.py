"""Partner officers edit only their own organisation's projects, by every admin URL."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from partners.models import SubRegion
from projects.models import Project
from tests.factories import (
    EditorFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vocabulary():
    # Officers choose themes from the existing ones (tests/registers/test_theme_vocabulary.py).
    for name in ("customer relationship management", "e-democracy", "mobile working"):
        Tag.objects.create(name=name)


@pytest.fixture
def newham():
    return OrganisationFactory(name="Test Newham", slug="test-newham")


@pytest.fixture
def officer(staff_login, newham):
    return staff_login(PartnerOfficerFactory(organisation=newham))


def admin_url(action, *args):
    return reverse(f"admin:projects_project_{action}", args=args)


def form_data(**overrides):
    data = {
        "title": "Newham customer contact centre",
        "slug": "",
        "summary": "One number for every council service.",
        "description": "",
        "publication_status": "published",
        "programme": "pathfinder",
        "status": "active",
        "start_date": "2002-04-01",
        "end_date": "",
        "budget": "",
        "tags": "customer relationship management",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def change_data(project, **overrides):
    """What the change form posts back for ``project``, including the version it was opened on."""
    project.refresh_from_db()
    return form_data(slug=project.slug, edit_version=project.updated_at.isoformat(), **overrides)


def test_changelist_shows_only_the_officers_organisation(client, officer, newham):
    ours = ProjectFactory(title="Ours", lead_organisation=newham)
    ProjectFactory(title="Theirs")

    response = client.get(admin_url("changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [ours]


@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_direct_urls_to_another_organisations_project_are_forbidden(client, officer, action):
    theirs = ProjectFactory(title="Theirs")

    assert client.get(admin_url(action, theirs.pk)).status_code == 403


def test_posting_a_change_to_another_organisations_project_is_forbidden(client, officer):
    theirs = ProjectFactory(title="Theirs")

    response = client.post(admin_url("change", theirs.pk), form_data(title="Hijacked"))

    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"


def test_posting_a_delete_of_another_organisations_project_is_forbidden(client, officer):
    theirs = ProjectFactory(title="Theirs")

    response = client.post(admin_url("delete", theirs.pk), {"post": "yes"})

    assert response.status_code == 403
    assert Project.objects.filter(pk=theirs.pk).exists()


def test_bulk_delete_action_cannot_reach_another_organisations_project(client, officer, newham):
    ours = ProjectFactory(lead_organisation=newham)
    theirs = ProjectFactory()

    client.post(
        admin_url("changelist"),
        {"action": "delete_selected", "_selected_action": [ours.pk, theirs.pk], "post": "yes"},
    )

    assert Project.objects.filter(pk=theirs.pk).exists()
    assert not Project.objects.filter(pk=ours.pk).exists()


def test_restoring_another_organisations_version_is_forbidden(client, officer):
    theirs = ProjectFactory(title="Theirs")
    record = theirs.history.first()

    assert client.post(admin_url("restore", record.history_id)).status_code == 403


def test_an_unknown_id_is_not_found_rather_than_forbidden(client, officer):
    response = client.get(admin_url("change", 999999))

    assert response.status_code == 302  # the admin's "does not exist" redirect


def test_officer_adds_a_project_owned_by_their_organisation(client, officer, newham):
    other = OrganisationFactory()

    response = client.post(
        admin_url("add"), form_data(lead_organisation=other.pk, partner_organisations=[other.pk])
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    project = Project.objects.get(title="Newham customer contact centre")
    assert project.lead_organisation == newham  # the posted lead is ignored
    assert project.slug == "newham-customer-contact-centre"
    assert list(project.tags.names()) == ["customer relationship management"]


def test_the_lead_cannot_also_be_a_partner(client, officer, newham):
    response = client.post(admin_url("add"), form_data(partner_organisations=[newham.pk]))

    assert response.status_code == 200
    assert "cannot also be listed as a partner" in response.content.decode()
    assert not Project.objects.exists()


def test_officer_edits_their_own_project(client, officer, newham):
    ours = ProjectFactory(title="Before", lead_organisation=newham)

    response = client.post(admin_url("change", ours.pk), change_data(ours, title="After"))

    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.title == "After"
    assert ours.history.first().history_user == officer


def test_officer_without_an_organisation_sees_nothing_and_cannot_add(client, staff_login):
    user = PartnerOfficerFactory()
    user.membership.delete()
    staff_login(user)
    ProjectFactory()

    assert list(client.get(admin_url("changelist")).context["cl"].queryset) == []
    assert client.get(admin_url("add")).status_code == 403


def test_editor_sees_and_edits_every_organisations_projects(client, staff_login):
    staff_login(EditorFactory())
    one, two = ProjectFactory(), ProjectFactory()
    lead = OrganisationFactory()

    response = client.get(admin_url("changelist"))
    assert set(response.context["cl"].queryset) == {one, two}

    response = client.post(admin_url("change", one.pk), change_data(one, lead_organisation=lead.pk))
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.lead_organisation == lead


def test_the_public_cannot_reach_the_admin(client):
    assert client.get(admin_url("changelist")).status_code == 302


def test_the_admin_requires_a_second_factor(client, newham):
    client.force_login(PartnerOfficerFactory(organisation=newham))

    response = client.get(admin_url("changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    login_page = client.get(response["Location"])
    assert 'name="otp_token"' in login_page.content.decode()


def test_without_the_second_factor_setting_the_password_is_enough(client, newham, settings):
    settings.ADMIN_REQUIRE_OTP = False
    client.force_login(PartnerOfficerFactory(organisation=newham))

    assert client.get(admin_url("changelist")).status_code == 200


def test_a_past_version_is_restored_with_its_relations(client, officer, newham):
    east = SubRegion.objects.get(slug="east")
    west = SubRegion.objects.get(slug="west")
    project = ProjectFactory(
        title="Original", lead_organisation=newham, regions=[east], themes=["smart cards"]
    )
    original = project.history.first()
    project.title = "Changed"
    project.save()
    project.sub_regions.set([west])
    project.tags.set(["e-democracy"])

    response = client.post(admin_url("restore", original.history_id))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Original"
    assert list(project.sub_regions.all()) == [east]
    assert list(project.tags.names()) == ["smart cards"]
    assert project.history.first().history_user == officer


def test_a_deleted_project_is_listed_and_restored(client, officer, newham):
    partner = OrganisationFactory()
    project = PublishedProjectFactory(
        title="Deleted by mistake",
        lead_organisation=newham,
        partners=[partner],
        themes=["e-learning"],
    )
    pk = project.pk
    client.post(admin_url("delete", pk), {"post": "yes"})
    assert not Project.objects.filter(pk=pk).exists()

    listing = client.get(admin_url("deleted"))
    assert "Deleted by mistake" in listing.content.decode()
    record = listing.context["deletions"][0].prev_record

    client.post(admin_url("restore", record.history_id))

    restored = Project.objects.get(pk=pk)
    assert restored.title == "Deleted by mistake"
    assert list(restored.partner_organisations.all()) == [partner]
    assert list(restored.tags.names()) == ["e-learning"]


def test_another_organisations_deletions_are_not_listed(client, officer):
    theirs = ProjectFactory(title="Someone else's")
    theirs.delete()

    assert "Someone else's" not in client.get(admin_url("deleted")).content.decode()


def test_restore_needs_post(client, officer, newham):
    record = ProjectFactory(lead_organisation=newham).history.first()

    assert client.get(admin_url("restore", record.history_id)).status_code == 405


def test_an_admin_edit_records_its_themes_with_that_version(client, officer, newham):
    project = ProjectFactory(lead_organisation=newham, themes=["smart cards"])

    client.post(
        admin_url("change", project.pk),
        change_data(project, title="Edited", tags="e-democracy, mobile working"),
    )

    latest = project.history.order_by("-history_date", "-history_id").first()
    assert latest.title == "Edited"
    assert latest.history_themes == "e-democracy, mobile working"


def test_a_stale_save_is_refused_and_the_first_edit_kept(client, officer, newham):
    project = ProjectFactory(title="Shared entry", lead_organisation=newham)
    # Two officers open the same entry before either saves.
    opened_by_me = change_data(project, title="My edit")
    opened_by_colleague = change_data(project, title="Colleague's edit")

    first = client.post(admin_url("change", project.pk), opened_by_colleague)
    second = client.post(admin_url("change", project.pk), opened_by_me)

    assert first.status_code == 302
    assert second.status_code == 200
    assert "after you opened it" in second.content.decode()
    project.refresh_from_db()
    assert project.title == "Colleague's edit"


def test_a_change_without_its_version_is_refused(client, officer, newham):
    project = ProjectFactory(title="Untouched", lead_organisation=newham)

    response = client.post(
        admin_url("change", project.pk), form_data(slug=project.slug, title="Blind")
    )

    assert response.status_code == 200
    project.refresh_from_db()
    assert project.title == "Untouched"


def test_a_malformed_id_is_not_found_rather_than_an_error(client, officer):
    response = client.get("/admin/projects/project/not-a-number/change/")

    assert response.status_code == 302  # the admin's "does not exist" redirect
