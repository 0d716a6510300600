"""``python manage.py send_alerts``: mail every due saved search (daily ones a day after
their last mail, weekly ones a week after) with the entries that appeared since. The
scheduler runs it daily (settings.SCHEDULE)."""

from django.core.management.base import BaseCommand

from alerts.services import send_alerts


class Command(BaseCommand):
    help = "Mail saved-search alerts that are due."

    def handle(self, *args, **options):
        mails, entries = send_alerts()
        self.stdout.write(f"{mails} alerts mailed, {entries} entries")
