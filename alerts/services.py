"""Saving a search, and mailing what is new for it (``manage.py send_alerts``).

Each saved search remembers the moment its entries were last covered (``covered_until``). A
run mails the entries that appeared after it and up to the run's own start, then moves it to
that start, in one transaction per saved search: the windows never overlap, so an entry is
mailed once, and a mail that fails leaves its window for the next run.
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from registers.mail import one_click_message

from .models import Frequency, SavedSearch
from .registers import MAX_LISTED, REGISTERS

logger = logging.getLogger(__name__)
SALT = "alerts.stop"
IGNORED = {"page", "format", "sort"}  # not filters: they change no entry's match
# An entry's publication time is stamped when its save starts; slow work in the same
# transaction (a review's PDF, a paper's file) can keep it invisible for a while. A run covers
# only up to this long before it starts, so such an entry is in the next run, not lost.
SETTLE = datetime.timedelta(minutes=15)


def clean_query(query: QueryDict, keys) -> str:
    """The filters of a list's query string (only the list's own parameters, whitespace
    collapsed), in a stable order, so the same filters are one saved search."""
    kept = sorted(
        (key, " ".join(value.split()))
        for key, values in query.lists()
        if key in keys and key not in IGNORED
        for value in values
        if value.strip()
    )
    cleaned = QueryDict(mutable=True)
    for key, value in kept:
        cleaned.appendlist(key, value)
    return cleaned.urlencode()


def save_search(user, register: str, query: str, frequency: str) -> tuple[SavedSearch, bool]:
    """Save (or, the same filters again, change the frequency of) a search. Raises
    ValueError with what is wrong."""
    alertable = REGISTERS.get(register)
    if alertable is None:
        raise ValueError(f"“{register}” is not a list that can send alerts.")
    if frequency not in Frequency.values:
        raise ValueError("Choose daily or weekly.")
    query = clean_query(QueryDict(query), alertable.keys)
    if len(query) > SavedSearch._meta.get_field("query").max_length:
        raise ValueError("These filters are too long to save.")
    if errors := alertable.errors(QueryDict(query)):
        raise ValueError(" ".join(errors))
    try:
        with transaction.atomic():
            saved, created = SavedSearch.objects.get_or_create(
                user=user, register=register, query=query, defaults={"frequency": frequency}
            )
    except IntegrityError:  # the same form sent twice at once
        saved, created = SavedSearch.objects.get(user=user, register=register, query=query), False
    if not created and saved.frequency != frequency:
        saved.frequency = frequency
        saved.save(update_fields=["frequency"])
    return saved, created


def stop_token(saved: SavedSearch) -> str:
    return signing.dumps({"saved_search": saved.pk}, salt=SALT)


def saved_search_for(token: str) -> SavedSearch | None:
    try:
        payload = signing.loads(token, salt=SALT)
        return SavedSearch.objects.filter(pk=payload["saved_search"]).first()
    except (signing.BadSignature, KeyError, TypeError):
        return None


def describe(saved: SavedSearch) -> str:
    """The saved search in words, as its list labels its filters: "projects matching Sector:
    NHS; Status: Active"."""
    query = QueryDict(saved.query)
    alertable = REGISTERS.get(saved.register)
    name = alertable.name if alertable else saved.register
    if saved.register == "search":
        return f"{name} for “{query.get('q', '')}”"
    if not saved.query:
        return name
    if alertable is None:
        words = [(key, ", ".join(query.getlist(key))) for key in query]
    else:
        words = alertable.in_words(query)
    filters = "; ".join(f"{label}: {values}" for label, values in words)
    return f"{name} matching {filters}" if filters else name


def page_of(saved: SavedSearch) -> str:
    return REGISTERS[saved.register].list_url(QueryDict(saved.query))


def send_one(saved: SavedSearch, now) -> int:
    """Mail what is new for one saved search (locked against a concurrent run); returns the
    number of entries mailed."""
    with transaction.atomic():
        saved = (
            SavedSearch.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=saved.pk)
            .first()
        )
        if saved is None or not saved.is_due(now):
            return 0
        alertable = REGISTERS.get(saved.register)
        until = now - SETTLE
        found = (
            alertable.new_entries(saved.user, QueryDict(saved.query), saved.covered_until, until)
            if alertable
            else None
        )
        if found is None:
            logger.warning("Saved search %s no longer makes sense; not mailed", saved.pk)
            return 0
        if found:
            link = settings.SITE_URL + reverse("alerts:stop", args=[stop_token(saved)])
            one_click_message(
                saved.user,
                link,
                " ".join(f"LondonConnects: new {describe(saved)}".split())[:200],
                "alerts/mail.txt",
                {
                    "saved": saved,
                    "description": describe(saved),
                    "entries": found[:MAX_LISTED],
                    "more": len(found) > MAX_LISTED,
                    "page_url": settings.SITE_URL + page_of(saved),
                    "manage_url": settings.SITE_URL + reverse("alerts:list"),
                },
            ).send()
        saved.covered_until = until
        saved.save(update_fields=["covered_until"])
        return len(found)


def send_alerts(now=None) -> tuple[int, int]:
    """Every due saved search of an active user with an address; returns (mails, entries)."""
    now = now or timezone.now()
    mails = entries = 0
    due = SavedSearch.objects.filter(user__is_active=True).exclude(user__email="")
    for saved in due.iterator():
        if not saved.is_due(now):
            continue
        try:
            sent = send_one(saved, now)
        except Exception:
            # One alert that cannot be sent (a mail server refusing it, say) must not stop
            # the others; its window stays open for the next run.
            logger.exception("Saved search %s could not be mailed", saved.pk)
            continue
        mails += bool(sent)
        entries += sent
    return mails, entries
