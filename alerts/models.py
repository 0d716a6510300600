"""A signed-in user's saved search: a register list's filters (or a site search), mailed daily
or weekly with the entries that appeared since the last mail (``manage.py send_alerts``)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


# How long after the last mail a saved search is due: a little under a day or a week, so a
# daily run that starts a few minutes early or late never skips a mail.
DUE_AFTER = {
    Frequency.DAILY: datetime.timedelta(hours=23),
    Frequency.WEEKLY: datetime.timedelta(days=6, hours=23),
}


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    # A key of alerts.registers.REGISTERS: a register list, or "search" (the site search).
    register = models.CharField(max_length=20)
    # The list's filters as a query string (no page, sort or format).
    query = models.CharField(max_length=2000, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created_at = models.DateTimeField(default=timezone.now)
    # Entries that appeared up to this moment have been mailed (or predate the alert).
    covered_until = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["register", "query", "pk"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(fields=["user", "register", "query"], name="save_a_search_once")
        ]

    def __str__(self):
        return f"{self.user}: {self.register}?{self.query}"

    def is_due(self, now) -> bool:
        return now - self.covered_until >= DUE_AFTER[self.frequency]
