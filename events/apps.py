from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The register of workshops, seminars, meetings, webinars and the annual conference, with
    bookings and a waiting list."""

    name = "events"
    verbose_name = "Events"
    # Its demo data, which ``manage.py load_demo`` loads from what apps declare (after the
    # papers it attaches and the accounts that book, before the reviews that count events).
    demo_loader = "events.demo.load_events"
    # Its bulk rows for benchmarks: ``manage.py seed_bulk --events N``.
    bulk_seeder = ("events", "events.bulk.seed_events")

    def ready(self):
        from .signals import connect

        connect()
