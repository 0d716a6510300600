"""Who booked, in the admin only: the event's organiser's partner officers and editors see the
places and the waiting list and download them as CSV; nobody else does."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import Booking, BookingStatus
from tests.factories import (
    EditorFactory,
    MemberFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    SteeringMemberFactory,
)

from .factories import BookingFactory, PublishedEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newham():
    return OrganisationFactory(name="Test Newham", slug="test-newham")


@pytest.fixture
def event(newham):
    event = PublishedEventFactory(organiser=newham, capacity=2, title="Smart cards workshop")
    hackney = OrganisationFactory(name="Test Hackney")
    line = [("Ada", "booked"), ("Ben", "booked"), ("Cat", "waiting"), ("Dan", "waiting")]
    for name, status in line:
        person = MemberFactory(
            first_name=name,
            last_name="Lovelace",
            email=f"{name.lower()}@example.org",
            organisation=hackney,
        )
        BookingFactory(event=event, user=person, status=status)
    return event


def bookings_url(event, download=False):
    name = "bookings_download" if download else "bookings"
    return reverse(f"admin:events_event_{name}", args=[event.pk])


def rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_the_organisers_officer_sees_who_booked_and_who_waits(client, staff_login, newham, event):
    staff_login(PartnerOfficerFactory(organisation=newham))

    response = client.get(bookings_url(event))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    booked, waiting = page.split('id="waiting-heading"')
    assert "Ada Lovelace" in booked and "Ben Lovelace" in booked and "Cat" not in booked
    assert waiting.index("Cat Lovelace") < waiting.index("Dan Lovelace")
    assert "2 booked of 2 places (0 left); 2 on the waiting list" in " ".join(page.split())


def test_the_list_downloads_as_csv_places_first_then_the_waiting_list_in_order(
    client, staff_login, newham, event
):
    staff_login(PartnerOfficerFactory(organisation=newham))

    response = client.get(bookings_url(event, download=True))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]  # names and e-mail addresses
    assert (
        'filename="londonconnects-bookings-smart-cards-workshop.csv"'
        in response["Content-Disposition"]
    )
    table = rows(response)
    assert table[0] == ["name", "organisation", "email", "status", "booked_at", "given_a_place_at"]
    assert [row[:4] for row in table[1:]] == [
        ["Ada Lovelace", "Test Hackney", "ada@example.org", "Booked"],
        ["Ben Lovelace", "Test Hackney", "ben@example.org", "Booked"],
        ["Cat Lovelace", "Test Hackney", "cat@example.org", "On the waiting list"],
        ["Dan Lovelace", "Test Hackney", "dan@example.org", "On the waiting list"],
    ]
    first_booked_at = Booking.objects.get(user__first_name="Ada").created_at
    assert table[1][4] == first_booked_at.isoformat()


def test_editors_see_every_events_bookings(client, staff_login, event):
    staff_login(EditorFactory())

    assert client.get(bookings_url(event)).status_code == 200
    assert client.get(bookings_url(event, download=True)).status_code == 200


@pytest.mark.parametrize("download", [False, True], ids=["list", "csv"])
def test_another_organisations_officer_is_refused(client, staff_login, event, download):
    staff_login(PartnerOfficerFactory())

    response = client.get(bookings_url(event, download=download))

    assert response.status_code == 403
    assert "Lovelace" not in response.content.decode()


@pytest.mark.parametrize("download", [False, True], ids=["list", "csv"])
def test_the_steering_group_who_may_only_view_events_is_refused(
    client, staff_login, newham, event, download
):
    staff_login(SteeringMemberFactory(organisation=newham))

    assert client.get(bookings_url(event, download=download)).status_code == 403


@pytest.mark.parametrize("download", [False, True], ids=["list", "csv"])
def test_a_signed_in_member_outside_the_admin_is_sent_to_the_admins_sign_in(
    client, event, download
):
    client.force_login(MemberFactory())

    response = client.get(bookings_url(event, download=download))

    assert response.status_code == 302
    assert "Lovelace" not in response.content.decode()


def test_no_such_event_is_a_404_and_a_post_is_refused(client, staff_login):
    staff_login(EditorFactory())

    assert client.get(reverse("admin:events_event_bookings", args=[999999])).status_code == 404


def test_a_post_to_the_list_is_refused(client, staff_login, newham, event):
    staff_login(PartnerOfficerFactory(organisation=newham))

    assert client.post(bookings_url(event)).status_code == 405


def test_the_change_page_links_to_the_bookings_with_their_counts(
    client, staff_login, newham, event
):
    staff_login(PartnerOfficerFactory(organisation=newham))

    page = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()

    assert f'href="{bookings_url(event)}"' in page
    assert "Bookings (2 booked, 2 waiting)" in page


def test_raising_the_capacity_in_the_admin_gives_the_waiting_list_places(
    client, staff_login, newham, event, django_capture_on_commit_callbacks
):
    staff_login(PartnerOfficerFactory(organisation=newham))
    event.refresh_from_db()
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    form = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "summary": event.summary,
        "description": event.description,
        "publication_status": event.publication_status,
        "group": "",
        "tags": "",
        "audience": event.audience,
        "starts_at_0": starts.strftime("%d/%m/%Y"),
        "starts_at_1": starts.strftime("%H:%M"),
        "ends_at_0": ends.strftime("%d/%m/%Y"),
        "ends_at_1": ends.strftime("%H:%M"),
        "venue": event.venue,
        "address": event.address,
        "joining_url": "",
        "capacity": "3",
        "booking_opens_at_0": "",
        "booking_opens_at_1": "",
        "booking_closes_at_0": "",
        "booking_closes_at_1": "",
        "attended": "",
        "edit_version": event.updated_at.isoformat(),
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:events_event_change", args=[event.pk]), form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Booking.objects.get(user__first_name="Cat").status == BookingStatus.BOOKED
    assert Booking.objects.get(user__first_name="Dan").status == BookingStatus.WAITING
    assert [message.to for message in mail.outbox] == [["cat@example.org"]]


def change_form(event, capacity: str) -> dict:
    """The event's change form as the admin sends it back, with a new capacity."""
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    return {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "summary": event.summary,
        "description": event.description,
        "publication_status": event.publication_status,
        "group": "",
        "tags": "",
        "audience": event.audience,
        "starts_at_0": starts.strftime("%d/%m/%Y"),
        "starts_at_1": starts.strftime("%H:%M"),
        "ends_at_0": ends.strftime("%d/%m/%Y"),
        "ends_at_1": ends.strftime("%H:%M"),
        "venue": event.venue,
        "address": event.address,
        "joining_url": "",
        "capacity": capacity,
        "booking_opens_at_0": "",
        "booking_opens_at_1": "",
        "booking_closes_at_0": "",
        "booking_closes_at_1": "",
        "attended": "",
        "edit_version": event.updated_at.isoformat(),
    }


def test_the_capacity_cannot_go_below_the_places_already_booked(client, staff_login, newham, event):
    # Two have places: one place would leave a booked person without one the page admits
    # to, and the waiting list counting on a place that does not exist.
    staff_login(PartnerOfficerFactory(organisation=newham))
    event.refresh_from_db()

    response = client.post(
        reverse("admin:events_event_change", args=[event.pk]), change_form(event, "1")
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["capacity"] == [
        "2 people have places already: give at least 2 places, or leave it blank for no limit."
    ]
    event.refresh_from_db()
    assert event.capacity == 2
    assert event.bookings.booked().count() == 2


def test_a_capacity_of_nought_is_refused_rather_than_shown_as_not_limited(
    client, staff_login, newham
):
    # The page said "Not limited" for 0 while every booking went to the waiting list.
    staff_login(PartnerOfficerFactory(organisation=newham))
    event = PublishedEventFactory(organiser=newham, capacity=5)

    response = client.post(
        reverse("admin:events_event_change", args=[event.pk]), change_form(event, "0")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["capacity"] == [
        "Give at least one place, or leave it blank for no limit."
    ]
    event.refresh_from_db()
    assert event.capacity == 5


def test_the_capacity_may_come_down_to_the_places_booked(client, staff_login, newham, event):
    staff_login(PartnerOfficerFactory(organisation=newham))
    event.refresh_from_db()
    event.capacity = 5
    event.save()
    event.refresh_from_db()

    response = client.post(
        reverse("admin:events_event_change", args=[event.pk]), change_form(event, "2")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.capacity == 2
