"""Send the daily digest of new forum posts to the members who chose it (run once a day)."""

from django.core.management.base import BaseCommand

from forums.notifications import send_digests


class Command(BaseCommand):
    help = "Mail each member who chose the daily digest the new posts they watch."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest(s)."))
