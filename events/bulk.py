"""Plausible events in bulk, for benchmarks (``manage.py seed_bulk --events N``): workshops,
seminars, meetings, webinars and conferences over the last three years and the next one, with
themes and sub-regions, a tenth of them for partners only."""

import datetime
import random

from taggit.models import Tag

from partners.demo_data import THEMES
from partners.models import Organisation, SubRegion
from projects.bulk import SERVICES
from registers.bulk import reseed
from registers.models import PublicationStatus

from .models import Audience, Event, EventKind, EventTheme

PREFIX = "bulk-event-"
VENUES = [
    ("City Hall", "Kamal Chunchie Way, London E16 1ZE"),
    ("London Councils, Conference Suite", "59½ Southwark Street, London SE1 0AL"),
    ("Guildhall, Committee Room 2", "Gresham Street, London EC2V 7HH"),
    ("Toynbee Hall", "28 Commercial Street, London E1 6LS"),
    ("Civic Centre, Council Chamber", "Town Hall, London"),
]
PAST_DAYS, COMING_DAYS = 3 * 365, 365


def seed_events(count: int, *, seed: int = 2026, batch_size: int = 5000) -> int:
    rng = random.Random(seed)
    organisations = list(Organisation.objects.values_list("pk", "name"))
    regions = list(SubRegion.objects.values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=name)[0].pk for name in THEMES]
    kinds = [choice.value for choice in EventKind]
    through_regions = Event.sub_regions.through
    now = datetime.datetime.now(datetime.UTC)
    # Whole hours, so that a page's "starts" reads as a real event's would.
    first_day = now.replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=PAST_DAYS)

    def make_event(number):
        organiser_id, organiser_name = rng.choice(organisations)
        kind = rng.choice(kinds)
        service = rng.choice(SERVICES)
        starts_at = first_day + datetime.timedelta(
            days=rng.randrange(PAST_DAYS + COMING_DAYS), hours=rng.choice([9, 10, 13, 14])
        )
        online = kind == EventKind.WEBINAR
        venue, address = ("", "") if online else rng.choice(VENUES)
        hours = 8 if kind == EventKind.CONFERENCE else rng.choice([1, 2, 3, 6])
        capacity = rng.choice([None, 20, 30, 40, 60, 100, 250])
        return Event(
            title=f"{service.capitalize()} {kind} {number}",
            slug=f"{PREFIX}{number}",
            kind=kind,
            summary=f"{organiser_name} and partners on {service}: what works, and what next.",
            description=(
                f"A {kind} for London partners working on {service}, run by {organiser_name}."
            ),
            organiser_id=organiser_id,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=hours),
            online=online,
            venue=venue,
            address=address,
            joining_url=f"https://meet.example.org/event-{number}" if online else "",
            capacity=capacity,
            audience=Audience.PARTNERS if rng.random() < 0.1 else Audience.PUBLIC,
            attended=rng.randint(5, capacity or 150) if starts_at < now else None,
            publication_status=PublicationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=count - number),
        )

    def event_links(created):
        for event in created:
            for region in rng.sample(regions, rng.randint(0, 2)):
                yield through_regions(event_id=event.pk, subregion_id=region)
            for tag in rng.sample(tags, rng.randint(1, 2)):
                yield EventTheme(tag_id=tag, content_object_id=event.pk)

    return reseed(
        Event, PREFIX, count, make_entry=make_event, link_rows=event_links, batch_size=batch_size
    )
