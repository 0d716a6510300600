from django.db import models


class Throttle(models.Model):
    """How many times something was done under ``key`` (a sign-in failure from an address,
    a member's forum post) in the fixed window that started at ``window_start``. Counted with
    one conditional UPDATE, so concurrent requests can never go past a limit; see
    ``accounts.throttle``."""

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="throttle_key_window")
        ]
        indexes = [models.Index(fields=["window_start"], name="throttle_window_start")]

    def __str__(self):
        return f"{self.key}: {self.hits} since {self.window_start:%H:%M}"
