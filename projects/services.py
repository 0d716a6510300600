"""The project register's writes outside the admin: the "shareware club" of organisations
interested in a project; what a merge of organisations leaves to tidy."""

from django.db import IntegrityError, transaction

from partners.models import Organisation
from registers.merge import Move

from .models import Project, ProjectInterest


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


def lead_is_not_a_partner(*, kept, merged, changed=None) -> list[Move]:
    """After merging organisations, a project the kept one leads does not also list it as
    a partner (the rule the project form keeps). Counts, or with ``changed`` does, the
    partnerships dropped; see registers.merge.after_merge."""
    if not isinstance(kept, Organisation):
        return []
    merging = [kept.pk, *(old.pk for old in merged)]
    partnerships = Project.partner_organisations.through.objects.filter(
        organisation__in=merging, project__lead_organisation__in=merging
    )
    projects = set(partnerships.values_list("project", flat=True))
    if changed is not None:
        changed[Project].update(projects)
        partnerships.delete()
    move = Move("projects (partner organisations) it will lead", dropped=len(projects))
    return [move] if projects else []
