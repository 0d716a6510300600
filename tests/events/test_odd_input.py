"""Odd query strings and forged POSTs on the events pages, as a crawler or a hand-edited
address sends them: never a 500, and what is refused is a 4xx."""

import pytest

from tests.factories import MemberFactory

from .factories import PartnersOnlyEventFactory, PublishedEventFactory

pytestmark = pytest.mark.django_db

ODD = [
    "page=abc",
    "page=0",
    "page=-1",
    "page=1.5",
    "page=99999",
    "page=%00",
    "month=2026-13",
    "month=2026-1",
    "month=abc",
    "month=0000-01",
    "month=9999-12",
    "held_in=x",
    "held_in=-1",
    "held_in=99999",
    "held_in=%00",
    "kind=nope",
    "kind=workshop&kind=seminar",
    "when=nope",
    "theme=nope",
    "sub_region=nope",
    "organiser=nope",
    "organiser_sector=nope",
    "audience=nope",
    "sort=nope",
    "format=nope",
    "format=csv&month=2026-13",
    "format=json&page=abc",
    "q=" + "x" * 5000,
    "q=%00",
    "q=%ff%fe",
    "q=' OR 1=1 --",
    "q=a&q=b",
    "month=2026-05&held_in=2025&when=upcoming",
]


@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "partner"])
def test_odd_query_strings_never_give_a_500(client, signed_in):
    event = PublishedEventFactory()
    PartnersOnlyEventFactory()
    if signed_in:
        client.force_login(MemberFactory())
    addresses = [
        "/events/",
        "/events/feed/",
        "/events/calendar.ics",
        "/api/events/",
        event.get_absolute_url(),
        event.get_absolute_url() + "event.ics",
    ]

    answers = {
        (address, query): client.get(f"{address}?{query}").status_code
        for address in addresses
        for query in ODD
    }

    assert {key: status for key, status in answers.items() if status >= 500} == {}
    # The list refuses what it cannot use in words, with a 400, rather than ignoring it.
    assert answers[("/events/", "month=2026-13")] == 400
    assert answers[("/events/", "held_in=x")] == 400
    assert answers[("/events/", "kind=nope")] == 400


@pytest.mark.parametrize(
    "data",
    [
        {"user": "abc"},
        {"user": ""},
        {"user": ["1", "2"]},
        {"event": "999", "status": "booked"},
        {"csrfmiddlewaretoken": "x" * 5000},
    ],
)
def test_odd_booking_posts_never_give_a_500(client, data):
    event = PublishedEventFactory(capacity=1)
    member = MemberFactory()
    client.force_login(member)

    for action in ("book", "cancel"):
        response = client.post(f"{event.get_absolute_url()}{action}/", data)
        assert response.status_code < 500, (action, data)
