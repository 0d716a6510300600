"""Keeping entries current: who owns which stale entries, the reminder mail, and the signed
one-click link that stamps an entry as reviewed (and changes nothing else)."""

from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partners.models import Organisation
from partners.roles import PARTNER_OFFICER

from .cache import data_changed
from .models import RegisterEntry

SALT = "registers.reviewed"
LINK_DAYS = 60  # a reminder's links work this long


def owned_models() -> list[type[RegisterEntry]]:
    """Registers whose entries belong to an organisation's partner officers."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, RegisterEntry) and model.owner_field
    ]


def review_token(entry: RegisterEntry) -> str:
    return signing.dumps({"entry": entry._meta.label_lower, "pk": entry.pk}, salt=SALT)


def review_url(entry: RegisterEntry) -> str:
    return settings.SITE_URL + reverse("entry_reviewed", args=[review_token(entry)])


def entry_for_token(token: str) -> RegisterEntry | None:
    """The entry a reminder's link is for, or None for a link that is forged, expired, or
    for an entry since deleted."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=LINK_DAYS * 86400)
        model = apps.get_model(payload["entry"])
    except (signing.BadSignature, KeyError, LookupError, TypeError, ValueError):
        return None
    if model not in owned_models():
        return None
    return model._default_manager.filter(pk=payload["pk"]).first()


def stamp_reviewed(entries: RegisterEntry | QuerySet) -> int:
    """Record that the owner confirmed an entry (a reminder's link, the admin's "Still
    correct") or a queryset of entries (the admin's bulk action): the date only (no version in
    their history, no other field touched). Returns how many were stamped."""
    today = timezone.localdate()
    if isinstance(entries, RegisterEntry):
        rows = type(entries)._default_manager.filter(pk=entries.pk)
        entries.last_reviewed_on = today
    else:
        # By primary key: the admin's queryset may be ordered, joined or narrowed by a search.
        rows = entries.model._default_manager.filter(pk__in=entries.values("pk"))
    count = rows.update(last_reviewed_on=today)
    if count:
        transaction.on_commit(data_changed)  # public pages show the date
    return count


def stale_entries() -> dict[int, list[RegisterEntry]]:
    """Published entries due for review, by the primary key of the organisation that owns
    them, oldest review first."""
    by_owner = defaultdict(list)
    for model in owned_models():
        # What the mail shows: the title, the address and the date (never a paper's words).
        # The owner may sit across a relation (a product's is its project's lead).
        due = model.objects.published().due_for_review()
        due = due.only("title", "slug", "last_reviewed_on").annotate(owner_pk=F(model.owner_field))
        for entry in due:
            by_owner[entry.owner_pk].append(entry)
    for entries in by_owner.values():
        entries.sort(key=lambda entry: entry.last_reviewed_on)
    return by_owner


def officers_of(organisation: Organisation):
    return (
        get_user_model()
        .objects.filter(
            membership__organisation=organisation,
            groups__name=PARTNER_OFFICER,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
    )


def send_reminders() -> tuple[int, int]:
    """One mail to each partner officer of each organisation that owns stale entries,
    listing them with their one-click links. Returns (mails, organisations)."""
    by_owner = stale_entries()
    messages = []
    for organisation in Organisation.objects.filter(pk__in=list(by_owner)).order_by("name"):
        entries = [
            {
                "entry": entry,
                "register": entry._meta.verbose_name,
                "page_url": settings.SITE_URL + entry.get_absolute_url(),
                "review_url": review_url(entry),
            }
            for entry in by_owner[organisation.pk]
        ]
        for officer in officers_of(organisation):
            context = {
                "officer": officer,
                "organisation": organisation,
                "entries": entries,
                "review_after_days": settings.REVIEW_AFTER_DAYS,
                "link_days": LINK_DAYS,
            }
            messages.append(
                EmailMessage(
                    subject=f"LondonConnects: {len(entries)} of {organisation.name}'s entries "
                    "to review",
                    body=render_to_string("registers/mail/review_reminder.txt", context),
                    to=[officer.email],
                )
            )
    if messages:
        get_connection().send_messages(messages)
    return len(messages), len(by_owner)
