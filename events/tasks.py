"""Background work of the events register: the mail telling someone a freed place is theirs,
and the day-before reminders (also ``manage.py send_event_reminders``)."""

from django_tasks import task

from . import booking


@task()
def send_place_given(booking_id: int) -> bool:
    """Queued after the commit that gave the place (``booking.fill_free_places``)."""
    return booking.send_place_given_mail(booking_id)


@task()
def send_event_reminders() -> int:
    """For a scheduler that queues tasks rather than running commands: once a day."""
    return booking.send_reminders()
