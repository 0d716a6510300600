"""Keep what is derived from a register entry current: its stored search document and the
themes recorded with its latest version.

Both are derived data in the same database, so they are refreshed inside the writing
transaction (not on commit): a search can never see an entry whose vector is stale. On SQLite
the search document lives in an FTS5 table (``registers.search``): refreshed at the same
moments, and its row removed with the entry.
"""

from django.apps import apps
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.signals import pre_create_historical_record
from taggit.managers import TaggableManager

from .cache import data_changed
from .history import entry_field_of, link_relation, links_snapshot
from .models import LinksHistory, RegisterEntry, ThemesHistory
from .search import forget_full_text, is_searchable, is_sqlite
from .tags import comma_joiner


def refresh_entry_vector(sender, instance, raw=False, **kwargs):
    if raw or not is_searchable(type(instance)):
        return
    # PostgreSQL builds the document of a model without a stored vector in the query: then
    # this does nothing.
    type(instance)._default_manager.filter(pk=instance.pk).refresh_search_vector()


def forget_entry_document(sender, instance, using="default", **kwargs):
    if is_sqlite(using):
        forget_full_text(type(instance), instance.pk, using)


def themes_of(entry) -> str:
    return comma_joiner(entry.tags.all()) if entry.pk else ""


def record_themes(sender, instance, history_instance, **kwargs):
    if isinstance(history_instance, ThemesHistory):
        history_instance.history_themes = themes_of(instance)
    if isinstance(history_instance, LinksHistory):
        history_instance.history_links = links_snapshot(instance) if instance.pk else []


def refresh_after_tagging(sender, instance, action, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    refresh_entry_vector(sender, instance)
    # Mid-way through a save that records its one version at the end (the admin, a restore),
    # the latest version is the previous one and must stay as it was.
    if not hasattr(instance, "history") or hasattr(instance, "skip_history_when_saving"):
        return
    # Themes are saved after the entry (the admin saves relations last): bring the version
    # that save recorded up to date.
    latest = instance.history.order_by("-history_date", "-history_id").first()
    if latest is not None and isinstance(latest, ThemesHistory):
        type(latest).objects.filter(pk=latest.pk).update(history_themes=themes_of(instance))


def refresh_after_link_change(sender, instance, raw=False, origin=None, **kwargs):
    """A link saved or deleted on its own, outside a save that records its one version at the
    end: bring the links recorded with the entry's latest version up to date, as themes are."""
    if raw:
        return
    # Deleted with its entry: the entry's last versions keep the links it had.
    origin_model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if origin is not None and origin_model is not sender:
        return
    entry = getattr(instance, entry_field_of(sender).name, None)
    if entry is None or hasattr(entry, "skip_history_when_saving"):
        return
    latest = entry.history.order_by("-history_date", "-history_id").first()
    if latest is not None and latest.history_type != "-":
        type(latest).objects.filter(pk=latest.pk).update(history_links=links_snapshot(entry))


# What register lists show: entries, who the partners are, and themes; and the forums, whose
# pages the anonymous page cache holds too. A change to any of them makes cached counts and
# pages stale.
SHARED_APPS = {"partners", "taggit"}
# From other apps, only what public pages show: not a member's reading marks or settings,
# nor a review's draft (the public sees only its published editions). A consultation's answers
# change its tally, on its topic's page and the list of consultations.
SHARED_MODELS = {
    "forums.forum",
    "forums.topic",
    "forums.post",
    "forums.consultation",
    "forums.question",
    "forums.answer",
    "reviews.edition",
}


def listed_apps() -> set[str]:
    """Who the partners are, themes, and every app that holds a register (its entries,
    links, interests: whatever its pages show)."""
    registers = {m._meta.app_label for m in apps.get_models() if issubclass(m, RegisterEntry)}
    return SHARED_APPS | registers


def is_listed_data(model, listed: set[str]) -> bool:
    return model._meta.app_label in listed or model._meta.label_lower in SHARED_MODELS


def note_change(sender, instance=None, **kwargs):
    if not kwargs.get("raw"):
        data_changed()


def connect_signals():
    # Connected per real model, so data migrations (historical models) do not fire them.
    listed = listed_apps()
    for model in apps.get_models():
        if is_listed_data(model, listed):
            label = model._meta.label
            post_save.connect(note_change, sender=model, dispatch_uid=f"cache-save-{label}")
            post_delete.connect(note_change, sender=model, dispatch_uid=f"cache-delete-{label}")
        for field in model._meta.get_fields():
            if not field.many_to_many or field.auto_created:
                continue
            through = field.remote_field.through
            if is_listed_data(model, listed) or is_listed_data(field.related_model, listed):
                m2m_changed.connect(
                    note_change, sender=through, dispatch_uid=f"cache-m2m-{through._meta.label}"
                )
    for model in apps.get_models():
        label = model._meta.label
        if is_searchable(model):
            post_save.connect(refresh_entry_vector, sender=model, dispatch_uid=f"search-{label}")
            post_delete.connect(
                forget_entry_document, sender=model, dispatch_uid=f"search-delete-{label}"
            )
        if not issubclass(model, RegisterEntry):
            continue
        if hasattr(model, "history"):
            pre_create_historical_record.connect(
                record_themes, sender=model.history.model, dispatch_uid=f"themes-{label}"
            )
            if issubclass(model.history.model, LinksHistory):
                link_model = link_relation(model).related_model
                for signal in (post_save, post_delete):
                    signal.connect(
                        refresh_after_link_change,
                        sender=link_model,
                        dispatch_uid=f"history-links-{signal is post_save}-{label}",
                    )
        for field in model._meta.get_fields():
            if isinstance(field, TaggableManager):
                m2m_changed.connect(
                    refresh_after_tagging,
                    sender=field.remote_field.through,
                    dispatch_uid=f"search-tags-{label}",
                )
