from django.conf import settings
from django.db import models


class Visit(models.Model):
    """When a user last opened /my/: what was registered since is "new" to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="my_page_visit"
    )
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.user} last opened their page at {self.seen_at:%Y-%m-%d %H:%M}"
