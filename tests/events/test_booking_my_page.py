"""'Your bookings' on /my/: the visitor's own places and places in line on events to come,
for a partner officer and for an account of no partner organisation alike."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import BookingStatus
from tests.factories import MemberFactory, PartnerOfficerFactory, UserFactory
from tests.pages import body, query_count

from .factories import BookingFactory, PartnersOnlyEventFactory, PublishedEventFactory

pytestmark = pytest.mark.django_db

MY_PAGE = reverse("mypage:page")
DAY = datetime.timedelta(days=1)


def section(response) -> str:
    page = body(response)
    start = page.index('id="bookings"')
    return page[start : page.index("</section>", start)]


def test_an_officer_sees_their_upcoming_places_and_places_in_line_soonest_first(client):
    officer = PartnerOfficerFactory()
    now = timezone.now()
    later = PublishedEventFactory(
        title="Later seminar", starts_at=now + 20 * DAY, ends_at=now + 20 * DAY
    )
    sooner = PublishedEventFactory(
        title="Sooner workshop", starts_at=now + 3 * DAY, ends_at=now + 3 * DAY, capacity=1
    )
    past = PublishedEventFactory(
        title="Past conference", starts_at=now - 3 * DAY, ends_at=now - 3 * DAY
    )
    BookingFactory(event=sooner)  # someone else has the place
    BookingFactory(event=sooner, status=BookingStatus.WAITING)  # and is first in line
    BookingFactory(event=sooner, user=officer, status=BookingStatus.WAITING)
    BookingFactory(event=later, user=officer)
    BookingFactory(event=past, user=officer)
    BookingFactory(event=PublishedEventFactory(title="Someone else's event"))
    client.force_login(officer)

    listed = section(client.get(MY_PAGE))

    assert listed.index("Sooner workshop") < listed.index("Later seminar")
    assert "Number 2 on the waiting list" in listed
    assert "You have a place" in listed
    assert "Past conference" not in listed and "Someone else" not in listed


def test_an_account_of_no_organisation_sees_its_bookings_too(client):
    visitor = UserFactory()
    BookingFactory(event=PublishedEventFactory(title="Open seminar"), user=visitor)
    client.force_login(visitor)

    listed = section(client.get(MY_PAGE))

    assert "Open seminar" in listed and "You have a place" in listed


def test_an_event_the_user_may_no_longer_see_is_not_listed(client):
    visitor = MemberFactory()
    BookingFactory(event=PartnersOnlyEventFactory(title="Partners' briefing"), user=visitor)
    visitor.membership.delete()  # left their partner organisation
    client.force_login(visitor)

    listed = section(client.get(MY_PAGE))

    assert "Partners' briefing" not in listed
    assert "You have no places booked on events to come." in listed


def test_bookings_cost_the_same_queries_however_many(client):
    officer = PartnerOfficerFactory()
    client.force_login(officer)
    client.get(MY_PAGE)  # the first visit creates the visit row
    for _ in range(2):
        BookingFactory(user=officer, status=BookingStatus.WAITING)
    few = query_count(client, MY_PAGE)
    for _ in range(6):
        BookingFactory(user=officer, status=BookingStatus.WAITING)

    assert query_count(client, MY_PAGE) == few
