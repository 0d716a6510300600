"""A partner books a full workshop and joins its waiting list from the event's page, with and
without JavaScript; the booking panel and the organiser's list of who booked pass axe and
reflow at 320 px."""

import pytest

# The live server sees only committed data; serialized rollback keeps the reference data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def full_workshop():
    from events.models import BookingStatus
    from tests.events.factories import BookingFactory, PublishedEventFactory
    from tests.factories import OrganisationFactory

    event = PublishedEventFactory(
        title="Information sharing workshop",
        organiser=OrganisationFactory(name="Test Newham"),
        capacity=2,
    )
    BookingFactory.create_batch(2, event=event)
    BookingFactory(event=event, status=BookingStatus.WAITING)
    return event


def fits_in(page, width=320) -> bool:
    return page.evaluate(f"() => document.documentElement.scrollWidth <= {width}")


@pytest.mark.parametrize("java_script", [True, False], ids=["javascript", "no javascript"])
def test_a_partner_joins_the_waiting_list_of_a_full_workshop(visit, java_script):
    from tests.factories import MemberFactory

    event = full_workshop()
    tab = visit(user=MemberFactory(), java_script=java_script)

    page = tab.go(event.get_absolute_url())
    booking = page.locator("#booking")
    assert "Full — join the waiting list (1 waiting)" in booking.inner_text()
    if java_script:
        tab.assert_accessible("event page, full, signed in")
    page.get_by_role("button", name="Join the waiting list").click()
    page.wait_for_url("**#booking-message")

    said = page.locator("#booking-message").inner_text()
    assert "The workshop is full: you are number 2 on the waiting list." in said
    assert "You are number 2 on the waiting list" in booking.inner_text()
    if java_script:
        tab.assert_accessible("event page, on the waiting list")

    page.get_by_role("button", name="Leave the waiting list").click()
    page.wait_for_url("**#booking-message")
    assert "You have left the waiting list." in page.locator("#booking-message").inner_text()
    assert page.get_by_role("button", name="Join the waiting list").is_visible()


def test_a_place_and_the_organisers_list_pass_axe_and_reflow(visit):
    from tests.events.factories import BookingFactory
    from tests.factories import PartnerOfficerFactory

    event = full_workshop()
    holder = BookingFactory(event=event, user=PartnerOfficerFactory()).user
    event.capacity = 3
    event.save()
    organiser = PartnerOfficerFactory(organisation=event.organiser)

    for width in (1280, 320):
        tab = visit(user=holder, width=width, height=800)
        page = tab.go(event.get_absolute_url())
        assert "You have a place" in page.locator("#booking").inner_text()
        tab.assert_accessible(f"event page, with a place, {width} px")
        assert fits_in(page, width), f"event page with a place scrolls sideways at {width} px"

        tab = visit(user=organiser, width=width, height=800)
        page = tab.go(f"/admin/events/event/{event.pk}/bookings/")
        assert "Waiting list" in page.content()
        tab.assert_accessible(f"admin bookings list, {width} px")


def test_booking_from_a_page_left_open_after_booking_closed_says_why(visit):
    import datetime

    from django.utils import timezone

    from events.models import Booking
    from tests.events.factories import PublishedEventFactory
    from tests.factories import MemberFactory

    event = PublishedEventFactory(title="Smart cards seminar", capacity=30)
    tab = visit(user=MemberFactory())
    page = tab.go(event.get_absolute_url())
    # Booking closes while the page is open in the visitor's browser.
    event.booking_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()

    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Book a place").click()

    assert posted.value.status == 409
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot book a place"
    assert "Booking closed on" in page.content()
    tab.problems = [p for p in tab.problems if "409" not in p]  # the status itself
    tab.assert_accessible("booking refused page")
    page.get_by_role("link", name="Back to Smart cards seminar").click()
    page.wait_for_url(f"**{event.get_absolute_url()}")
    assert not Booking.objects.exists()
