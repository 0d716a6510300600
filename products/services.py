"""The product register's writes outside the admin: an organisation's take-up of a product."""

import datetime

from django.db import IntegrityError, transaction

from partners.models import Organisation
from registers.merge import Move

from .models import Product, TakeUp


class TakeUpRefused(Exception):
    """A take-up the rules do not allow; the message says why, in words for the officer."""


def record_take_up(
    *, product: Product, organisation, user, status: str, date: datetime.date, note: str = ""
) -> tuple[TakeUp, bool]:
    """Record or change the organisation's take-up of the product. Returns the take-up and
    whether anything changed: submitting the same again changes nothing and adds no row."""
    if organisation.pk == product.project.lead_organisation_id:
        raise TakeUpRefused(
            f"{organisation} leads the project that made this product, so it cannot record "
            "take-up of its own product."
        )
    values = {"status": status, "date": date, "note": note}
    for _attempt in range(2):
        try:
            with transaction.atomic():
                take_up = (
                    TakeUp.objects.select_for_update()
                    .filter(product=product, organisation=organisation)
                    .first()
                )
                if take_up is None:
                    take_up = TakeUp.objects.create(
                        product=product, organisation=organisation, recorded_by=user, **values
                    )
                    return take_up, True
                if all(getattr(take_up, name) == value for name, value in values.items()):
                    return take_up, False
                for name, value in values.items():
                    setattr(take_up, name, value)
                take_up.recorded_by = user
                take_up.save()
                return take_up, True
        except IntegrityError:
            # A simultaneous double submit created the row first: the next attempt updates it.
            continue
    raise TakeUpRefused("The take-up could not be recorded. Please try again.")


def lead_takes_up_nothing(*, kept, merged, changed=None) -> list[Move]:
    """After merging organisations, the kept one records no take-up of its own projects'
    products (the rule the take-up form keeps). Counts, or with ``changed`` does, the take-ups
    dropped; see registers.merge.after_merge."""
    if not isinstance(kept, Organisation):
        return []
    merging = [kept.pk, *(old.pk for old in merged)]
    own = TakeUp.objects.filter(
        organisation__in=merging, product__project__lead_organisation__in=merging
    )
    dropped = own.count()
    if changed is not None:
        own.delete()
    move = Move("take-ups of products of projects it will lead", dropped=dropped)
    return [move] if dropped else []
