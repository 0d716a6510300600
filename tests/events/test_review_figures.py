"""The annual review's events: held by kind and who came, the London-wide workshops and
seminars, the conference's own page, all frozen with the edition."""

import pytest

from events.models import EventKind
from partners.models import SubRegion
from reviews import services
from reviews.figures import compile_figures
from tests.factories import ReviewFactory, SteeringMemberFactory
from tests.pages import body

from .factories import EventFactory, PartnersOnlyEventFactory, PublishedEventFactory, london

pytestmark = pytest.mark.django_db


def held(kind=EventKind.WORKSHOP, when=(2025, 3, 4), **fields):
    """A public event of that kind on that day (London, 10am to 4pm)."""
    return PublishedEventFactory(
        kind=kind, starts_at=london(*when, 10), ends_at=london(*when, 16), **fields
    )


def figures_table(figures, key):
    return next(t for t in figures["tables"] if t["key"] == key)


def cells(table, key):
    row = next(row for row in table["rows"] if row["key"] == key)
    return [cell["value"] for cell in row["cells"]]


def headline(figures, key):
    return next(item["value"] for item in figures["headlines"] if item["key"] == key)


@pytest.fixture
def events_2025():
    """Counted by hand for 2025: 3 workshops (attendance recorded for two: 30 and 0), 1
    seminar for West London (12), 1 conference (no attendance); London-wide: the 3 workshops."""
    return {
        "workshop": held(attended=30),
        "new-year-eve": held(when=(2025, 12, 31), attended=0),
        "unrecorded": held(),
        "seminar": held(
            EventKind.SEMINAR, regions=[SubRegion.objects.get(slug="west")], attended=12
        ),
        "conference": held(EventKind.CONFERENCE, when=(2025, 6, 3)),
        # Not counted: the year before, partners only, a draft.
        "2024": held(when=(2024, 12, 31), attended=100),
        "partners": PartnersOnlyEventFactory(
            starts_at=london(2025, 5, 1, 10), ends_at=london(2025, 5, 1, 12), attended=7
        ),
        "draft": EventFactory(
            starts_at=london(2025, 5, 2, 10), ends_at=london(2025, 5, 2, 12), attended=9
        ),
    }


def test_events_held_by_kind_with_the_attendance_organisers_recorded(events_2025):
    figures = compile_figures(2025)
    table = figures_table(figures, "events-by-kind")

    # Held, with attendance recorded, people attending.
    assert cells(table, "workshop") == [3, 2, 30]
    assert cells(table, "seminar") == [1, 1, 12]
    assert cells(table, "conference") == [1, 0, 0]
    assert cells(table, "webinar") == [0, 0, 0]
    assert cells(table, "all") == [5, 3, 42]
    assert headline(figures, "events_held") == 5
    assert headline(figures, "event_attendance") == 42
    london_wide = figures_table(figures, "events-london-wide")
    assert cells(london_wide, "workshop") == [3]
    assert cells(london_wide, "seminar") == [0]
    assert cells(london_wide, "all") == [3]


def test_each_events_figure_links_to_the_list_of_exactly_those_events(client, events_2025):
    table = figures_table(compile_figures(2025), "events-by-kind")

    for key, expected in (("workshop", 3), ("conference", 1), ("all", 5)):
        link = next(row for row in table["rows"] if row["key"] == key)["cells"][0]["link"]
        shown = client.get(link).context["paginator"].count
        assert shown == expected, link
    # A sum of attendance is no list of rows: it has no link.
    assert all(not cell["link"] for row in table["rows"] for cell in row["cells"][1:])


def test_the_events_figures_are_frozen_with_the_edition(client, events_2025):
    review = ReviewFactory(year=2025)
    services.publish(review, by=SteeringMemberFactory())
    before = client.get("/reviews/2025/")
    assert 'id="table-events-by-kind"' in body(before)

    # Attendance recorded and another workshop published after publishing...
    events_2025["unrecorded"].attended = 25
    events_2025["unrecorded"].save()
    held(when=(2025, 9, 9), attended=5)

    doc = client.get("/reviews/2025/").context["doc"]
    # ...do not change the published figures, though the registers now say otherwise.
    assert cells(doc["tables"]["events_by_kind"], "workshop") == [3, 2, 30]
    now = figures_table(compile_figures(2025), "events-by-kind")
    assert cells(now, "workshop") == [4, 4, 60]


def conference_paragraph(response) -> str:
    page = body(response)
    start = page.index('id="conference-heading"')
    return page[start : page.index("</section>", start)]


def test_the_conference_links_to_its_event_on_the_day_the_review_gives(client):
    conference = held(EventKind.CONFERENCE, when=(2026, 5, 20), title="LeGC 2026")
    held(EventKind.CONFERENCE, when=(2026, 11, 2), title="Autumn conference")
    review = ReviewFactory(year=2025)  # its conference is on 20 May 2026
    services.publish(review, by=SteeringMemberFactory())

    paragraph = conference_paragraph(client.get("/reviews/2025/"))

    assert f'href="{conference.get_absolute_url()}">London e-Government Conference</a>' in (
        paragraph
    )
    assert "Autumn conference" not in paragraph


def test_with_no_day_given_the_only_conference_of_the_following_year_is_linked():
    conference = held(EventKind.CONFERENCE, when=(2026, 6, 9))
    ReviewFactory(year=2025, conference_date=None)

    assert compile_figures(2025)["conference_event"]["link"] == conference.get_absolute_url()


def test_a_conference_the_public_cannot_see_or_none_at_all_is_not_linked(client):
    PartnersOnlyEventFactory(
        kind=EventKind.CONFERENCE,
        starts_at=london(2026, 5, 20, 9),
        ends_at=london(2026, 5, 20, 17),
    )
    EventFactory(  # a draft
        kind=EventKind.CONFERENCE, starts_at=london(2026, 5, 20, 9), ends_at=london(2026, 5, 20, 17)
    )
    review = ReviewFactory(year=2025)
    services.publish(review, by=SteeringMemberFactory())

    paragraph = conference_paragraph(client.get("/reviews/2025/"))

    assert compile_figures(2025)["conference_event"] is None
    assert "the London e-Government Conference, on 20 May 2026" in paragraph
    assert "/events/" not in paragraph


def test_an_edition_keeps_the_conference_link_it_was_published_with(client):
    review = ReviewFactory(year=2025)
    services.publish(review, by=SteeringMemberFactory())
    conference = held(EventKind.CONFERENCE, when=(2026, 5, 20))

    # Published before the conference was in the register: no link until a correction
    # compiles the figures again, which counts the new link as a change.
    assert "/events/" not in conference_paragraph(client.get("/reviews/2025/"))
    services.publish(review, by=SteeringMemberFactory(), correction_note="Linked the conference.")
    assert conference.get_absolute_url() in conference_paragraph(client.get("/reviews/2025/"))


def test_the_held_in_filter_shows_a_years_past_events_and_refuses_a_malformed_year(
    client, events_2025
):
    # A year that is over shows its past events without ?when=past, as an over month does.
    shown = client.get("/events/", {"held_in": "2025", "kind": "workshop"})
    assert {event.pk for event in shown.context["events"]} == {
        events_2025[key].pk for key in ("workshop", "new-year-eve", "unrecorded")
    }

    response = client.get("/events/", {"when": "past", "held_in": "20x5"})
    assert response.status_code == 400
    assert "Enter a year as four digits" in body(response)
