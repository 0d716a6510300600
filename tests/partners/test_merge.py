"""Editors merge an organisation entered twice (issue 16, item 3): every reference (lead and
partner projects, contacts, papers, funding, groups, accounts, interests, take-ups, events,
bookings, consultation answers) moves to the kept organisation, none is doubled, history is
kept, a failure changes nothing, officers may not; and an organisation still in use cannot be
deleted, the page saying by what."""

from unittest import mock

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from contacts.models import Contact
from events.models import Booking, Event
from forums.models import Answer
from funding.models import FundingSource
from papers.models import Paper
from partners.models import Group, Membership, Organisation
from products.models import TakeUp
from projects.models import Project, ProjectInterest
from registers import merge as merge_service
from registers.merge import merge, plan_merge, references_to
from tests.events.factories import BookingFactory, PublishedEventFactory
from tests.factories import (
    ContactFactory,
    EditorFactory,
    FundingSourceFactory,
    GroupFactory,
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    ProjectInterestFactory,
    PublishedProjectFactory,
)
from tests.forums.factories import AnswerFactory, ConsultationFactory
from tests.products.factories import PublishedProductFactory, TakeUpFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/partners/organisation/"


def uses(organisation) -> dict[str, int]:
    """How many rows of each kind point at the organisation, by the same discovery the merge
    uses, and by hand for every relation known today (so a missed one shows)."""
    found = {r.label: r.rows(organisation).count() for r in references_to(Organisation)}
    partners = Project.partner_organisations.through.objects
    by_hand = {
        "projects (lead organisation)": Project.objects.filter(lead_organisation=organisation),
        "projects (partner organisations)": partners.filter(organisation=organisation),
        "contacts (organisation)": Contact.objects.filter(organisation=organisation),
        "papers (organisation)": Paper.objects.filter(organisation=organisation),
        "funding sources (listed by)": FundingSource.objects.filter(owner=organisation),
        "funding sources (funder (a partner))": FundingSource.objects.filter(
            funder_organisation=organisation
        ),
        "groups (members)": Group.members.through.objects.filter(organisation=organisation),
        "memberships (organisation)": Membership.objects.filter(organisation=organisation),
        "project interests (organisation)": ProjectInterest.objects.filter(
            organisation=organisation
        ),
        "take-ups (organisation)": TakeUp.objects.filter(organisation=organisation),
        "events (organiser)": Event.objects.filter(organiser=organisation),
        "bookings (organisation)": Booking.objects.filter(organisation=organisation),
        "answers (organisation)": Answer.objects.filter(organisation=organisation),
    }
    assert found == {label: rows.count() for label, rows in by_hand.items()}
    return found


@pytest.fixture
def world():
    kept = OrganisationFactory(name="Test Borough of Newham", slug="test-newham")
    old = OrganisationFactory(name="Test LB Newham", slug="test-lb-newham")
    other = OrganisationFactory(name="Test Hackney", slug="test-hackney")
    led_by_old = PublishedProjectFactory(
        title="Newham contact centre", lead_organisation=old, partners=[other]
    )
    PublishedProjectFactory(
        title="Kept leads, old partners", lead_organisation=kept, partners=[old]
    )
    PublishedProjectFactory(title="Both partners", lead_organisation=other, partners=[old, kept])
    old_partner = PublishedProjectFactory(
        title="Old partners", lead_organisation=other, partners=[old]
    )
    ContactFactory(title="Sam Officer", organisation=old)
    PaperFactory(organisation=old)
    FundingSourceFactory(owner=old, funder_organisation=old)
    GroupFactory(name="Test East partnership", members=[old, kept])
    GroupFactory(name="Test Thames Gateway", members=[old])
    member = MemberFactory(organisation=old)
    ProjectInterestFactory(project=old_partner, organisation=old)
    ProjectInterestFactory(project=led_by_old, organisation=old)
    ProjectInterestFactory(project=led_by_old, organisation=kept)
    # Take-up: of another's product (moves), of one both took up (not doubled), and of a
    # product of a project the kept one leads (dropped: a lead takes up nothing of its own).
    others_product = PublishedProductFactory(project=old_partner)
    TakeUpFactory(product=others_product, organisation=old)
    TakeUpFactory(product=others_product, organisation=kept)
    TakeUpFactory(product=PublishedProductFactory(project=old_partner), organisation=old)
    TakeUpFactory(
        product=PublishedProductFactory(project=Project.objects.get(lead_organisation=kept)),
        organisation=old,
    )
    # An event it organises, a place booked from it, and a consultation answer given for it.
    BookingFactory(event=PublishedEventFactory(organiser=old), organisation=old)
    AnswerFactory(question=ConsultationFactory().questions.first(), user=member, organisation=old)
    return {
        "kept": kept,
        "old": old,
        "other": other,
        "led_by_old": led_by_old,
        "old_partner": old_partner,
        "member": member,
    }


@pytest.fixture
def editor(staff_login):
    return staff_login(EditorFactory())


def test_merge_moves_every_reference_and_doubles_none(world):
    kept, old = world["kept"], world["old"]
    before_kept, before_old = uses(kept), uses(old)
    assert all(before_old.values())  # the fixture uses every relation

    merge(kept=kept, merged=[old])

    assert not Organisation.objects.filter(slug="test-lb-newham").exists()
    after = uses(kept)
    assert after == {
        "contacts (organisation)": 1,
        "funding sources (funder (a partner))": 1,
        "funding sources (listed by)": 1,
        # The group it shared with the kept one lists the kept one once.
        "groups (members)": 2,
        "memberships (organisation)": 1,
        "papers (organisation)": 1,
        # The kept one's interest in the contact centre is not doubled.
        "project interests (organisation)": 2,
        # "Both partners" lists it once; "Kept leads, old partners" does not list its lead.
        "projects (partner organisations)": 2,
        "projects (lead organisation)": 2,
        "take-ups (organisation)": 2,
        "events (organiser)": 1,
        "bookings (organisation)": 1,
        "answers (organisation)": 1,
    }
    doubled = {
        "groups (members)": 1,
        "project interests (organisation)": 1,
        "take-ups (organisation)": 1,
    }
    led_not_partner = {"projects (partner organisations)": 2, "take-ups (organisation)": 1}
    for label, count in after.items():
        expected = (
            before_kept[label]
            + before_old[label]
            - doubled.get(label, 0)
            - led_not_partner.get(label, 0)
        )
        assert count == expected, label
    assert Membership.objects.get(user=world["member"]).organisation == kept
    assert set(Project.objects.get(title="Both partners").partner_organisations.all()) == {kept}
    assert not Project.objects.get(title="Kept leads, old partners").partner_organisations.exists()
    assert uses(world["other"])["projects (lead organisation)"] == 2  # others untouched


def test_the_plan_counts_what_the_merge_does(world):
    plan = plan_merge(kept=world["kept"], merged=[world["old"]])
    counts = {move.label: (move.moved, move.dropped) for move in plan.moves}
    assert counts["projects (lead organisation)"] == (1, 0)
    assert counts["projects (partner organisations)"] == (2, 1)
    assert counts["projects (partner organisations) it will lead"] == (0, 1)
    assert counts["groups (members)"] == (1, 1)
    assert counts["project interests (organisation)"] == (1, 1)
    assert counts["memberships (organisation)"] == (1, 0)
    assert counts["take-ups (organisation)"] == (2, 1)
    assert counts["take-ups of products of projects it will lead"] == (0, 1)


def test_history_is_kept_with_one_version_per_changed_entry(world):
    kept, old = world["kept"], world["old"]
    project = world["led_by_old"]
    partner_project = world["old_partner"]
    old_pk = old.pk
    versions = project.history.count(), partner_project.history.count()

    merge(kept=kept, merged=[old])

    assert (project.history.count(), partner_project.history.count()) == (
        versions[0] + 1,
        versions[1] + 1,
    )
    latest = project.history.first()
    assert latest.lead_organisation_id == kept.pk
    assert latest.history_change_reason == "Merged “Test LB Newham” into “Test Borough of Newham”"
    partners_then = partner_project.history.first().partner_organisations.all()
    assert [row.organisation_id for row in partners_then] == [kept.pk]
    # The merged organisation's own history stays, ending with its deletion.
    records = Organisation.history.filter(id=old_pk)
    assert records.count() >= 2
    assert records.first().history_type == "-"
    # Earlier versions still say who led the project then.
    assert project.history.last().lead_organisation_id == old_pk


def test_public_pages_show_the_kept_organisation(client, world):
    merge(kept=world["kept"], merged=[world["old"]])

    assert client.get("/organisations/test-lb-newham/").status_code == 404
    page = client.get("/organisations/test-newham/").content.decode()
    assert "Newham contact centre" in page and "Old partners" in page
    listed = client.get("/projects/", {"organisation": "test-newham"})
    assert {p.title for p in listed.context["projects"]} >= {
        "Newham contact centre",
        "Old partners",
        "Both partners",
    }
    detail = client.get(world["led_by_old"].get_absolute_url()).content.decode()
    assert "Test Borough of Newham" in detail and "Test LB Newham<" not in detail


def test_a_failure_mid_merge_leaves_everything_as_it_was(world):
    kept, old = world["kept"], world["old"]
    before = uses(kept), uses(old)

    failing = mock.patch.object(merge_service, "record_versions", side_effect=RuntimeError)
    with failing, pytest.raises(RuntimeError):
        merge(kept=kept, merged=[old])

    old = Organisation.objects.get(slug="test-lb-newham")
    assert (uses(kept), uses(old)) == before


def test_confirmation_lists_what_will_move(client, editor, world):
    kept, old = world["kept"], world["old"]
    url = f"{CHANGELIST}?q=newham"

    response = client.post(
        url,
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [kept.pk, old.pk], "kept": kept.pk},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert f'action="{CHANGELIST}?q=newham"' in body
    assert "Merging “Test LB Newham” into “Test Borough of Newham”" in body
    for label in ("Projects (lead organisation)", "Memberships (organisation)", "Groups (members)"):
        assert label in body
    assert Organisation.objects.filter(pk=old.pk).exists()  # nothing done yet

    done = client.post(
        url,
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [kept.pk, old.pk],
            "kept": kept.pk,
            "confirm": "yes",
        },
    )
    assert done.status_code == 302 and done["Location"] == url
    assert not Organisation.objects.filter(pk=old.pk).exists()
    assert Project.objects.get(title="Newham contact centre").lead_organisation == kept


def test_an_officer_gets_403(client, staff_login, world):
    kept, old = world["kept"], world["old"]
    staff_login(PartnerOfficerFactory(organisation=kept))
    data = {
        "action": "merge_selected",
        ACTION_CHECKBOX_NAME: [kept.pk, old.pk],
        "kept": kept.pk,
        "confirm": "yes",
    }

    assert client.post(CHANGELIST, data).status_code == 403
    assert Organisation.objects.filter(pk=old.pk).exists()
    # Nor is the action offered.
    assert "merge_selected" not in client.get(CHANGELIST).content.decode()


def test_deleting_an_organisation_in_use_is_refused_in_plain_words(client, editor, world):
    old = world["old"]

    page = client.get(f"{CHANGELIST}{old.pk}/delete/").content.decode()

    assert "cannot be deleted while it is used" in page
    assert "Project “Kept leads, old partners” (partner organisations)" in page
    assert "Project “Newham contact centre” (lead organisation)" in page
    assert "Group “Test Thames Gateway” (members)" in page
    assert "object (" not in page
    assert "Merge selected organisations…" in page
    client.post(f"{CHANGELIST}{old.pk}/delete/", {"post": "yes"})
    assert Organisation.objects.filter(pk=old.pk).exists()
    assert uses(old)["projects (partner organisations)"] == 3

    selected = client.post(
        CHANGELIST, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [old.pk]}
    ).content.decode()
    assert "cannot be deleted while it is used" in selected
    assert "Project “Both partners” (partner organisations)" in selected


def test_an_unused_organisation_can_still_be_deleted(client, editor):
    unused = OrganisationFactory(name="Typo Council")

    page = client.get(f"{CHANGELIST}{unused.pk}/delete/").content.decode()
    assert "Are you sure" in page
    client.post(f"{CHANGELIST}{unused.pk}/delete/", {"post": "yes"})
    assert not Organisation.objects.filter(pk=unused.pk).exists()
