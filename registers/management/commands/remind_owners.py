"""``python manage.py remind_owners``: mail each organisation's partner officers the entries
they have not reviewed for REVIEW_AFTER_DAYS, each with a one-click "still correct" link.
The scheduler runs it weekly (settings.SCHEDULE): every run mails every stale entry again
until it is reviewed."""

from django.core.management.base import BaseCommand

from registers.freshness import send_reminders


class Command(BaseCommand):
    help = "Mail partner officers the entries of theirs that are due for review."

    def handle(self, *args, **options):
        mails, organisations = send_reminders()
        self.stdout.write(f"{mails} reminders sent for {organisations} organisations")
