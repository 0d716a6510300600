"""The reminder the day before: everyone with a place on a published event that starts
tomorrow by London's calendar is mailed once, on a fixed clock across the change to summer
time."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events import booking
from events.models import Audience, Booking, BookingStatus
from events.tasks import send_event_reminders
from tests.factories import MemberFactory, UserFactory

from .factories import BookingFactory, EventFactory, PublishedEventFactory, london

pytestmark = pytest.mark.django_db

# Noon on Saturday 28 March 2026, GMT. The clocks go forward at 01:00 GMT on Sunday 29 March,
# so "tomorrow" in London runs from 00:00 GMT on the 29th to 23:00 GMT (midnight BST).
NOON = datetime.datetime(2026, 3, 28, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOON)
    return NOON


def event_at(start, **kwargs):
    return PublishedEventFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1), **kwargs
    )


def booked_on(event, name, status=BookingStatus.BOOKED):
    return BookingFactory(
        event=event,
        user=MemberFactory(email=f"{name}@borough.example.org"),
        status=status,
        created_at=NOON - datetime.timedelta(days=7),
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_everyone_booked_on_tomorrows_events_is_reminded_once(clock):
    early = event_at(london(2026, 3, 29, 0, 30), title="Early breakfast briefing")  # 00:30 GMT
    late = event_at(london(2026, 3, 29, 23, 30), title="Late webinar")  # 22:30 GMT, BST
    today = event_at(london(2026, 3, 28, 18, 0))
    # 00:30 BST on the 30th is still the 29th in UTC: not tomorrow in London.
    day_after = event_at(london(2026, 3, 30, 0, 30))
    draft = EventFactory(starts_at=london(2026, 3, 29, 10), ends_at=london(2026, 3, 29, 12))
    booked_on(early, "ada")
    booked_on(late, "ben")
    booked_on(late, "cat", status=BookingStatus.WAITING)
    for event, name in ((today, "dan"), (day_after, "eve"), (draft, "fay")):
        booked_on(event, name)

    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert recipients() == ["ada@borough.example.org", "ben@borough.example.org"]
    by_address = {message.to[0]: message for message in mail.outbox}
    ada = by_address["ada@borough.example.org"]
    assert ada.subject == "LondonConnects: Early breakfast briefing is tomorrow"
    # An hour after 00:30 GMT is 02:30 BST: the clocks went forward in between.
    assert "When: Sunday 29 March 2026, 12:30am to 2:30am (London time)" in ada.body
    assert "City Hall, Committee Room 4, The Queen's Walk, London SE1 2AA" in ada.body
    assert (
        "When: Sunday 29 March 2026, 11:30pm to Monday"
        in by_address["ben@borough.example.org"].body
    )
    reminded = Booking.objects.filter(reminded_at__isnull=False)
    assert {b.user.email for b in reminded} == set(recipients())
    assert {b.reminded_at for b in reminded} == {NOON}

    mail.outbox.clear()
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert mail.outbox == []  # once only


def test_an_online_events_reminder_gives_the_joining_link(clock):
    event = event_at(
        london(2026, 3, 29, 14),
        online=True,
        venue="",
        address="",
        joining_url="https://meet.example.org/lc-webinar",
    )
    booked_on(event, "ada")

    assert booking.send_reminders() == 1

    assert "Where: online, joining at https://meet.example.org/lc-webinar" in mail.outbox[0].body


def test_a_mail_that_fails_is_tried_again_next_time(clock, monkeypatch):
    event = event_at(london(2026, 3, 29, 14))
    place = booked_on(event, "ada")

    def mail_server_down(self, *args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", mail_server_down)
    with pytest.raises(ConnectionRefusedError):
        booking.send_reminders()
    place.refresh_from_db()
    assert place.reminded_at is None
    monkeypatch.undo()
    monkeypatch.setattr(timezone, "now", lambda: NOON)

    assert booking.send_reminders() == 1


def test_the_task_sends_the_reminders(clock):
    booked_on(event_at(london(2026, 3, 29, 9)), "ada")

    result = send_event_reminders.enqueue()

    assert result.return_value == 1
    assert recipients() == ["ada@borough.example.org"]


def test_an_event_made_partners_only_is_never_mailed_to_someone_who_is_not_a_partner(clock):
    # Booked while it was open to the public; the organiser then made it partners only. The
    # reminder (its time, place and joining link) goes to partners alone, as the page does.
    event = event_at(
        london(2026, 3, 29, 10),
        online=True,
        venue="",
        joining_url="https://meet.example.org/partners-room",
    )
    booked_on(event, "ada")
    BookingFactory(
        event=event,
        user=UserFactory(email="outsider@example.org"),
        status=BookingStatus.BOOKED,
        created_at=NOON - datetime.timedelta(days=7),
    )
    event.audience = Audience.PARTNERS
    event.save()

    assert booking.send_reminders() == 1
    assert recipients() == ["ada@borough.example.org"]
