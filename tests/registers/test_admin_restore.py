"""History and restore in the shared organisation-scoped admin (issue 14, finding 3): the live
entry's owner decides who may see its versions and restore one, and a restore never changes
the owner for a partner officer. Every organisation-scoped register shares the mechanism, so
every one is tried."""

import pytest
from django.urls import reverse

from tests.factories import (
    ContactFactory,
    FundingSourceFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

REGISTERS = {
    "projects_project": (ProjectFactory, "lead_organisation"),
    "contacts_contact": (ContactFactory, "organisation"),
    "funding_fundingsource": (FundingSourceFactory, "owner"),
}


def admin_url(register, action, *args):
    return reverse(f"admin:{register}_{action}", args=args)


def moved_entry(register, newham, hackney, title="Newham's first title"):
    """An entry of Newham's that an editor has since moved to Hackney, as the probe did."""
    factory, owner_field = REGISTERS[register]
    entry = factory(title=title, **{owner_field: newham})
    newham_version = entry.history.first()
    setattr(entry, owner_field, hackney)
    entry.title = "Hackney's title"
    entry.save()
    return entry, newham_version, owner_field


@pytest.fixture
def newham():
    return OrganisationFactory()


@pytest.fixture
def hackney():
    return OrganisationFactory()


@pytest.mark.parametrize("register", REGISTERS)
def test_the_former_owner_cannot_restore_a_moved_entry(
    client, staff_login, newham, hackney, register
):
    entry, newham_version, owner_field = moved_entry(register, newham, hackney)
    staff_login(PartnerOfficerFactory(organisation=newham))

    response = client.post(admin_url(register, "restore", newham_version.history_id))

    assert response.status_code == 403
    entry.refresh_from_db()
    assert getattr(entry, owner_field) == hackney
    assert entry.title == "Hackney's title"


@pytest.mark.parametrize("register", REGISTERS)
def test_the_former_owner_cannot_read_a_moved_entrys_versions(
    client, staff_login, newham, hackney, register
):
    entry, newham_version, _ = moved_entry(register, newham, hackney)
    staff_login(PartnerOfficerFactory(organisation=newham))

    version = client.get(admin_url(register, "simple_history", entry.pk, newham_version.pk))
    history = client.get(admin_url(register, "history", entry.pk))

    assert version.status_code == 403
    assert history.status_code == 403


@pytest.mark.parametrize("register", REGISTERS)
def test_the_new_owner_restores_an_old_version_and_keeps_the_entry(
    client, staff_login, newham, hackney, register
):
    entry, newham_version, owner_field = moved_entry(register, newham, hackney)
    staff_login(PartnerOfficerFactory(organisation=hackney))

    version = client.get(admin_url(register, "simple_history", entry.pk, newham_version.pk))
    response = client.post(admin_url(register, "restore", newham_version.history_id))

    assert version.status_code == 200
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Newham's first title"  # the version's content
    assert getattr(entry, owner_field) == hackney  # and still Hackney's


@pytest.mark.parametrize("register", REGISTERS)
def test_a_deleted_entry_is_judged_by_its_owner_when_deleted(
    client, staff_login, newham, hackney, register
):
    entry, newham_version, _ = moved_entry(register, newham, hackney)
    model = type(entry)
    pk = entry.pk
    entry.delete()  # deleted while Hackney's
    staff_login(PartnerOfficerFactory(organisation=newham))

    response = client.post(admin_url(register, "restore", newham_version.history_id))

    assert response.status_code == 403
    assert not model.objects.filter(pk=pk).exists()


def test_an_editor_may_restore_the_owner_too(client, staff_login, newham, hackney):
    from tests.factories import EditorFactory

    entry, newham_version, owner_field = moved_entry("projects_project", newham, hackney)
    staff_login(EditorFactory())

    client.post(admin_url("projects_project", "restore", newham_version.history_id))

    entry.refresh_from_db()
    assert getattr(entry, owner_field) == newham
