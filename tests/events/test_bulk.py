import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Audience, Event, EventTheme
from tests.events.factories import PublishedEventFactory

pytestmark = pytest.mark.django_db


def test_seed_bulk_makes_events_to_come_and_past_and_replaces_its_own_rows_only(capsys):
    demo = PublishedEventFactory(title="Demo workshop")

    call_command("seed_bulk", events=60)

    bulk = Event.objects.filter(slug__startswith="bulk-event-")
    assert bulk.published().count() == 60
    now = timezone.now()
    assert bulk.upcoming(now).exists() and bulk.past(now).exists()
    assert bulk.filter(audience=Audience.PARTNERS).exists()
    assert bulk.public().count() < 60
    # Attendance only after the event; a webinar online, anything else at a venue.
    assert not bulk.upcoming(now).filter(attended__isnull=False).exists()
    assert not bulk.filter(online=False, venue="").exists()
    assert EventTheme.objects.filter(content_object__slug__startswith="bulk-event-").exists()
    # Found by the site's search like any entry: the search vectors are filled.
    assert Event.objects.search("workshop").filter(slug__startswith="bulk-event-").exists()

    call_command("seed_bulk", events=10)
    assert bulk.count() == 10
    assert list(Event.objects.exclude(slug__startswith="bulk-event-")) == [demo]
    assert "10 events" in capsys.readouterr().out

    # The same number again: nothing rewritten.
    call_command("seed_bulk", events=10)
    assert "0 events" in capsys.readouterr().out
