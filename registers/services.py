"""Restoring a register entry to an earlier version, or from deletion."""

from django.db import transaction
from django.utils import timezone

from .history import links, relations_of, restore_links
from .models import ThemesHistory
from .tags import comma_splitter


@transaction.atomic
def restore_version(*, record, user, keep: dict | None = None):
    """Make the live entry match a historical record, many-to-many fields, themes and links
    included, except the fields in ``keep`` (name: current value), which stay as they are.

    The restore is itself a change, so it leaves one version of its own and can be undone.
    """
    entry = record.instance
    for field, value in (keep or {}).items():
        setattr(entry, field, value)
    entry._history_user = user
    existed = type(entry)._default_manager.filter(pk=entry.pk).exists()
    relations = relations_of(record)
    # Everything is restored first, then recorded as one version.
    entry.skip_history_when_saving = True
    try:
        # save() updates the row if it exists and inserts it again if it was deleted.
        entry.save()
        for field in relations._history_m2m_fields:
            target = field.m2m_reverse_field_name()
            ids = [getattr(row, f"{target}_id") for row in getattr(relations, field.name).all()]
            # A related row deleted since (a closed fund, say) cannot be linked again.
            still_there = field.related_model._default_manager.filter(pk__in=ids)
            getattr(entry, field.name).set(still_there)
        if isinstance(relations, ThemesHistory):
            entry.tags.set(comma_splitter(relations.history_themes))
        if links(relations) is not None:
            restore_links(entry, links(relations))
    finally:
        del entry.skip_history_when_saving
    entry._change_reason = "Restored the version of {}".format(
        timezone.localtime(record.history_date).strftime("%d %B %Y %H:%M")
    )
    entry.record_version("~" if existed else "+")
    return entry
