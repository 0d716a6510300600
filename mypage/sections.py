"""What /my/ shows an officer, one function per section, each a fixed number of queries
whatever the data size, and each narrowed to the officer's own organisation (or account)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window
from django.urls import reverse

from alerts.models import SavedSearch
from alerts.services import describe, page_of
from events.booking import upcoming_bookings
from forums.models import Topic
from forums.services import unread_topic_ids
from partners.models import Organisation
from products.models import TakeUp
from projects.models import Project, ProjectInterest
from registers.freshness import owned_models
from registers.models import RegisterEntry

LISTED = 20  # rows a section lists; the rest are counted and a link away
ALERTS_LISTED = 5  # each alert described costs queries (its filters' names)


def first_rows(queryset: QuerySet, limit: int = LISTED) -> tuple[list, int]:
    """The first ``limit`` rows and how many there are in all, in one query: the count is a
    window over every row, computed before the limit."""
    rows = list(queryset.annotate(listed_of=Window(Count("pk")))[:limit])
    return rows, (rows[0].listed_of if rows else 0)


def still_correct_key(model: type[RegisterEntry]) -> str:
    """How the "Still correct" address names a register: its model's label."""
    return model._meta.label_lower


def may_review(user, model: type[RegisterEntry]) -> bool:
    """Whoever may change the register's entries in the admin (a partner officer) may confirm
    their organisation's unchanged, as the admin's "Still correct" asks."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def reviews_any(user) -> bool:
    return any(may_review(user, model) for model in owned_models())


def reviewable_model(user, key: str) -> type[RegisterEntry] | None:
    for model in owned_models():
        if still_correct_key(model) == key and may_review(user, model):
            return model
    return None


def due_entries(model: type[RegisterEntry], organisation: Organisation) -> QuerySet:
    """The organisation's published entries the public sees as "may be out of date" (and
    ``remind_owners`` mails about), oldest review first."""
    return (
        model.objects.published()
        .due_for_review()
        .filter(**{model.owner_field: organisation})
        .order_by("last_reviewed_on", "pk")
    )


@dataclass
class DueRegister:
    name: str
    entries: list
    total: int
    key: str
    admin_change: str  # the admin's change URL name
    admin_list_url: str  # the admin's list of the register, narrowed to what is due


def due_for_review(user, organisation: Organisation) -> list[DueRegister]:
    """One query per register the officer may edit."""
    registers = []
    for model in owned_models():
        if not may_review(user, model):
            continue
        entries, total = first_rows(
            due_entries(model, organisation).only("title", "slug", "last_reviewed_on")
        )
        if not total:
            continue
        info = model._meta.app_label, model._meta.model_name
        registers.append(
            DueRegister(
                name=str(model._meta.verbose_name_plural),
                entries=entries,
                total=total,
                key=still_correct_key(model),
                admin_change="admin:{}_{}_change".format(*info),
                admin_list_url=reverse("admin:{}_{}_changelist".format(*info))
                + "?review=due&publication_status__exact=published",
            )
        )
    return registers


def new_interest(organisation: Organisation, since: datetime.datetime) -> tuple[list, int]:
    """Other organisations' interest registered since ``since`` in the projects the
    organisation leads or partners in, newest first."""
    return first_rows(
        ProjectInterest.objects.filter(
            project__in=Project.objects.involving(organisation).values("pk"),
            registered_at__gt=since,
        )
        .exclude(organisation=organisation)
        .select_related("project", "organisation")
        .order_by("-registered_at", "-pk")
    )


def new_take_up(organisation: Organisation, since: datetime.datetime) -> tuple[list, int]:
    """Other organisations' take-up of the products of projects the organisation leads or
    partners in, recorded (or moved on: evaluating, adopted, declined) since ``since``,
    newest first."""
    return first_rows(
        TakeUp.objects.filter(
            product__project__in=Project.objects.involving(organisation).values("pk"),
            recorded_at__gt=since,
        )
        .exclude(organisation=organisation)
        .select_related("product", "organisation")
        .order_by("-recorded_at", "-pk")
    )


def watched_unread_topics(user) -> tuple[list[Topic], int]:
    """Topics the user watches (and may still read) with posts they have not seen, latest
    post first (the first ``LISTED``, and how many): the forums' own read marks decide. Two
    queries."""
    watched = list(
        Topic.objects.visible_to(user)
        .filter(subscriptions__user=user, subscriptions__muted=False)
        .select_related("forum")
        .order_by("-last_post_at", "-pk")
    )
    unread = unread_topic_ids(user, watched)
    unread_topics = [topic for topic in watched if topic.pk in unread]
    return unread_topics[:LISTED], len(unread_topics)


def your_bookings(user) -> tuple[list, int]:
    """The user's places and places in line on events to come, soonest first. One query."""
    return first_rows(upcoming_bookings(user))


@dataclass
class Alerts:
    listed: list = field(default_factory=list)
    total: int = 0


def saved_alerts(user) -> Alerts:
    """The user's saved searches, the first few in words (each costs a query or two: the
    names of the filters it chose)."""
    searches, total = first_rows(
        SavedSearch.objects.filter(user=user).order_by("-created_at", "-pk"), ALERTS_LISTED
    )
    listed = [
        {"saved": saved, "description": describe(saved), "url": page_of(saved)}
        for saved in searches
    ]
    return Alerts(listed=listed, total=total)
