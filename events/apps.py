from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The register of workshops, seminars, meetings, webinars and the annual conference, with
    bookings and a waiting list."""

    name = "events"
    verbose_name = "Events"
