"""Each event's bookings version: a number renewed whenever one of its bookings is made,
moved (waiting to booked) or removed, including by a cascade (an account deleted).

A booking is not register data: it does not renew the data version, which would empty every
page cache for one place taken. What shows the places left to the public
(``events.booking_views.booking_panel``) keys its kept copy by this number instead.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

KEY = "events:bookings-version:{}"
TIMEOUT = 24 * 60 * 60


def bookings_version(event_id: int) -> int:
    return cache.get(KEY.format(event_id), 0)


def renew(event_id: int) -> None:
    cache.set(KEY.format(event_id), time.time_ns(), TIMEOUT)


def _booking_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    event_id = instance.event_id
    # Now, so this request's own next page shows it; and again on commit, so a page rendered
    # by another request between the two (from the rows as they were) is not kept.
    renew(event_id)
    transaction.on_commit(lambda: renew(event_id))


def connect() -> None:
    from .models import Booking

    post_save.connect(_booking_changed, sender=Booking, dispatch_uid="events-bookings-saved")
    post_delete.connect(_booking_changed, sender=Booking, dispatch_uid="events-bookings-deleted")
