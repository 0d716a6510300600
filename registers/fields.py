from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose forms take an address typed without a scheme as https, as Django 6
    will by default (no transitional setting needed)."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


# What the admin calls a slug and an order, in words officers use.
WEB_ADDRESS = "web address"
WEB_ADDRESS_HELP = (
    "The last part of the page's address on LondonConnects, as in /organisations/newham/: "
    "lower-case letters, numbers and hyphens. Changing it breaks links people have saved."
)
POSITION = "position"
POSITION_HELP = "Lower numbers come first."
FILTER_ADDRESS_HELP = (
    "Its name in the addresses of filtered lists, as in /projects/?sector=nhs: lower-case "
    "letters, numbers and hyphens. Changing it breaks links people have saved."
)
