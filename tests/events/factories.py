"""Factories of the events register; states are subclasses (PublishedEventFactory)."""

import datetime
import zoneinfo

import factory
from django.utils import timezone

from events.models import Audience, Booking, BookingStatus, Event, EventKind
from registers.models import PublicationStatus
from tests.factories import MemberFactory, OrganisationFactory, RegisterEntryFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """An aware datetime at London wall-clock time (GMT or BST as the date has it)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def in_a_fortnight() -> datetime.datetime:
    """10am London time, fourteen days from today: upcoming whenever the test runs."""
    day = timezone.localdate() + datetime.timedelta(days=14)
    return london(day.year, day.month, day.day)


class EventFactory(RegisterEntryFactory):
    """A draft workshop at a venue, 10am to 4pm London time a fortnight from now, open to the
    public; see the subclasses for what the public and partners see."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Information sharing workshop {n}")
    kind = EventKind.WORKSHOP
    summary = "Partners work through sharing information between the NHS and boroughs."
    description = "A day of talks and discussion."
    organiser = factory.SubFactory(OrganisationFactory)
    starts_at = factory.LazyFunction(in_a_fortnight)
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=6))
    venue = "City Hall, Committee Room 4"
    address = "The Queen's Walk, London SE1 2AA"
    audience = Audience.PUBLIC
    publication_status = PublicationStatus.DRAFT

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.sub_regions.set(extracted)

    @factory.post_generation
    def with_papers(self, create, extracted, **kwargs):
        if create and extracted:
            self.papers.set(extracted)


class PublishedEventFactory(EventFactory):
    publication_status = PublicationStatus.PUBLISHED


class PartnersOnlyEventFactory(PublishedEventFactory):
    """Published, for partners only: invisible to the public everywhere."""

    title = factory.Sequence(lambda n: f"Partners' briefing {n}")
    audience = Audience.PARTNERS


class BookingFactory(factory.django.DjangoModelFactory):
    """A booked place on a published event, by a member of a partner organisation."""

    class Meta:
        model = Booking

    event = factory.SubFactory(PublishedEventFactory)
    user = factory.SubFactory(MemberFactory)
    organisation = factory.LazyAttribute(
        lambda booking: (
            booking.user.membership.organisation if hasattr(booking.user, "membership") else None
        )
    )
    status = BookingStatus.BOOKED
    created_at = factory.LazyFunction(timezone.now)
