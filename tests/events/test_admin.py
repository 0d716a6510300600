"""Officers manage the events their organisation organises, and no other, by every admin URL;
editors manage all of them; every change is kept."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.factories import EditorFactory, OrganisationFactory, PaperFactory, PartnerOfficerFactory

from .factories import EventFactory, PublishedEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newham():
    return OrganisationFactory(name="Test Newham", slug="test-newham")


@pytest.fixture
def officer(staff_login, newham):
    return staff_login(PartnerOfficerFactory(organisation=newham))


def admin_url(action, *args):
    return reverse(f"admin:events_event_{action}", args=args)


def form_data(**overrides):
    data = {
        "title": "Information sharing workshop",
        "slug": "",
        "kind": "workshop",
        "summary": "Sharing information between the NHS and boroughs.",
        "description": "",
        "publication_status": "published",
        "group": "",
        "tags": "",
        "audience": "public",
        "starts_at_0": "29/03/2026",
        "starts_at_1": "10:00",
        "ends_at_0": "29/03/2026",
        "ends_at_1": "16:00",
        "venue": "Newham Town Hall",
        "address": "Barking Road\nLondon E6 2RP",
        "joining_url": "",
        "capacity": "40",
        "booking_opens_at_0": "",
        "booking_opens_at_1": "",
        "booking_closes_at_0": "",
        "booking_closes_at_1": "",
        "attended": "",
    }
    data.update(overrides)
    return data


def change_data(event, **overrides):
    event.refresh_from_db()
    return form_data(
        slug=event.slug,
        organiser=event.organiser_id,
        edit_version=event.updated_at.isoformat(),
        **overrides,
    )


def test_changelist_shows_only_the_officers_organisations_events(client, officer, newham):
    ours = EventFactory(organiser=newham)
    EventFactory()

    response = client.get(admin_url("changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [ours]


@pytest.mark.parametrize("action", ["change", "delete", "history", "preview"])
def test_direct_urls_to_another_organisations_event_are_refused(client, officer, action):
    theirs = EventFactory()

    assert client.get(admin_url(action, theirs.pk)).status_code in (403, 404)


def test_an_officer_of_another_organisation_cannot_change_an_event(client, officer):
    theirs = PublishedEventFactory(title="Theirs")

    response = client.post(admin_url("change", theirs.pk), change_data(theirs, title="Hijacked"))

    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"


def test_restoring_another_organisations_version_is_forbidden(client, officer):
    theirs = EventFactory()

    assert client.post(admin_url("restore", theirs.history.first().history_id)).status_code == 403


def test_an_officer_adds_an_event_organised_by_their_own_organisation_in_london_time(
    client, officer, newham
):
    other = OrganisationFactory()

    response = client.post(admin_url("add"), form_data(organiser=other.pk))

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert event.organiser == newham  # set from the membership, whatever was posted
    # 10am in London on the day the clocks went forward is 09:00 UTC.
    assert event.starts_at.isoformat() == "2026-03-29T09:00:00+00:00"
    assert event.history.count() == 1


def test_the_form_explains_an_end_before_the_start_and_a_missing_venue(client, officer):
    response = client.post(admin_url("add"), form_data(ends_at_0="28/03/2026", venue="", online=""))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["ends_at"] == ["The end must not be before the start."]
    assert errors["venue"] == ["Give the venue, or tick 'held online'."]
    assert not Event.objects.exists()


def test_booking_may_not_close_before_it_opens(client, officer):
    response = client.post(
        admin_url("add"),
        form_data(
            booking_opens_at_0="20/03/2026",
            booking_opens_at_1="09:00",
            booking_closes_at_0="10/03/2026",
            booking_closes_at_1="09:00",
        ),
    )

    errors = response.context["adminform"].form.errors
    assert errors["booking_closes_at"] == ["Booking must not close before it opens."]


def test_an_officer_attaches_published_papers_and_their_own_drafts_only(client, officer, newham):
    event = EventFactory(organiser=newham)
    published = PaperFactory(title="Anyone's slides")
    own_draft = PaperFactory(
        title="Our draft notes", organisation=newham, publication_status="draft"
    )
    PaperFactory(title="Another's draft", publication_status="draft")

    form = client.get(admin_url("change", event.pk)).context["adminform"].form

    assert set(form.fields["papers"].queryset) == {published, own_draft}
    # Found by typing, and said to be papers (the picker's words are the organisations' else).
    assert form.fields["papers"].widget.widget.attrs["data-picker-noun"] == "paper"


def test_officer_edits_their_own_event_and_the_version_is_kept(client, officer, newham):
    event = PublishedEventFactory(organiser=newham, title="Before")

    response = client.post(
        admin_url("change", event.pk), change_data(event, title="After", attended="35")
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "After" and event.attended == 35
    assert event.history.count() == 2


def test_still_correct_stamps_the_review_date_of_an_own_event(client, officer, newham):
    event = EventFactory(organiser=newham)
    Event.objects.filter(pk=event.pk).update(last_reviewed_on="2020-01-01")

    response = client.post(
        admin_url("changelist"),
        {"action": "mark_still_correct", "_selected_action": [event.pk]},
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.last_reviewed_on.year > 2020


def test_save_and_preview_shows_a_draft_to_its_officer(client, officer, newham):
    event = EventFactory(organiser=newham, title="A draft to look at")

    response = client.get(admin_url("preview", event.pk))

    assert response.status_code == 200
    assert "A draft to look at" in response.content.decode()


def test_editors_manage_every_organisations_events(client, staff_login):
    staff_login(EditorFactory())
    theirs = PublishedEventFactory()

    response = client.post(admin_url("change", theirs.pk), change_data(theirs, title="Edited"))

    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.title == "Edited"
