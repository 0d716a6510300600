"""The project register's writes outside the admin: the "shareware club" of organisations
interested in a project."""

from django.db import IntegrityError, transaction

from .models import ProjectInterest


def register_interest(*, project, organisation, user) -> bool:
    """Record the organisation's interest; returns False if it was already registered."""
    try:
        with transaction.atomic():
            _, created = ProjectInterest.objects.get_or_create(
                project=project, organisation=organisation, defaults={"registered_by": user}
            )
    except IntegrityError:
        # A simultaneous double submit lost the race to the other request: same outcome.
        return False
    return created


def withdraw_interest(*, project, organisation) -> bool:
    """Remove the organisation's interest; returns False if there was none."""
    with transaction.atomic():
        deleted, _ = ProjectInterest.objects.filter(
            project=project, organisation=organisation
        ).delete()
    return bool(deleted)
