"""``python manage.py send_event_reminders``: mail everyone with a place on an event that
starts tomorrow (London's date). Run it once a day from cron; a booking is reminded once,
however often it runs."""

from django.core.management.base import BaseCommand

from events.booking import send_reminders


class Command(BaseCommand):
    help = "Mail a reminder to everyone booked on an event that starts tomorrow."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} reminder(s)."))
