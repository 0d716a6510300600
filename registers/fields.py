from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose forms take an address typed without a scheme as https, as Django 6
    will by default (no transitional setting needed)."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)
