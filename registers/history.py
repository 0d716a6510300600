"""Edit history (django-simple-history): one version per save, and what each version changed
in plain words.

Every register's admin saves an entry, its many-to-many fields, its themes and its inline
hyperlinks as one version (``registers.admin_history``); this module records that version,
snapshots and restores the hyperlinks, and describes versions and the differences between
them the same way on every register's history pages.
"""

import os
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords

from .links import HEALTH_FIELDS
from .models import LinksHistory, ThemesHistory
from .tags import comma_splitter

# The reverse relation of an entry's hyperlinks, on entries whose history keeps them.
LINKS = "links"
NOTHING = "(none)"
# A value up to this long, on one line, is shown whole ("old → new"); a longer text as the
# words that changed, with a few words around them.
SHORT_TEXT = 80
CONTEXT_WORDS = 5
MAX_WORDS_IN_A_RUN = 30
MAX_PASSAGES = 4


class RegisterHistory(HistoricalRecords):
    """HistoricalRecords that can record one version on request, and survives a many-to-many
    change made from the other side.

    ``entry.record_version(history_type)`` records the entry as it stands, relations
    included: the admin and a restore save everything without history, then call it once.
    """

    def add_extra_methods(self, cls):
        super().add_extra_methods(cls)
        records = self

        def record_version(entry, history_type="~"):
            """Record one version of the entry as it now stands, relations included."""
            records.create_historical_record(entry, history_type)

        cls.record_version = record_version

    def m2m_changed(self, instance, action, attr, pk_set, reverse, model=None, **kwargs):
        # ``fund.funded_projects.add(project)`` changes ``Project.funding_sources``;
        # simple-history would then build a *project* history row out of the fund, which fails
        # when the fund's history leaves fields out. Record a version of each project changed.
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action in ("post_add", "post_remove") and pk_set:
            for entry in model._default_manager.filter(pk__in=pk_set):
                super().m2m_changed(entry, action, attr, pk_set, False, **kwargs)
        return None


# -- hyperlinks kept with each version --------------------------------------------------------
def link_relation(entry_model):
    return entry_model._meta.get_field(LINKS)


def link_fields(entry_model) -> list[models.Field]:
    """What an editor sets on a hyperlink: not its id, its entry or what the link check
    found."""
    relation = link_relation(entry_model)
    return [
        field
        for field in relation.related_model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name != relation.field.name
        and field.name not in HEALTH_FIELDS
    ]


def entry_field_of(link_model) -> models.ForeignKey:
    """A hyperlink's foreign key to its entry."""
    return next(
        field
        for field in link_model._meta.fields
        if field.many_to_one and field.remote_field.related_name == LINKS
    )


def links_snapshot(entry) -> list[dict]:
    fields = link_fields(type(entry))
    return [
        {"id": link.pk, **{field.attname: field.value_from_object(link) for field in fields}}
        for link in getattr(entry, LINKS).all()
    ]


def restore_links(entry, snapshot: list[dict]) -> None:
    """Make the entry's hyperlinks those of the snapshot: a link still there is updated in
    place (its check results kept when its address is unchanged), a deleted one is made again,
    one added since is removed."""
    relation = link_relation(type(entry))
    fields = {field.attname: field for field in link_fields(type(entry))}
    current = {link.pk: link for link in getattr(entry, LINKS).all()}
    kept = set()
    for row in snapshot:
        values = {name: field.to_python(row[name]) for name, field in fields.items() if name in row}
        link = current.get(row.get("id"))
        if link is None:
            link = relation.related_model(**{relation.field.name: entry}, **values)
        elif all(getattr(link, name) == value for name, value in values.items()):
            kept.add(link.pk)
            continue
        for name, value in values.items():
            setattr(link, name, value)
        link.save()
        kept.add(link.pk)
    for pk, link in current.items():
        if pk not in kept:
            link.delete()


def relations_of(record):
    """The record whose relations (many-to-many, themes, links) a version stands for. A
    deletion is recorded after the entry's relations are gone, so it stands for the version
    before it."""
    if record.history_type == "-":
        return record.prev_record or record
    return record


# -- values in plain words --------------------------------------------------------------------
def label_of(field) -> str:
    return capfirst(str(field.verbose_name))


def plain_value(field, value) -> str:
    """A stored value as the admin shows it: choices by their names, a related row by its
    name, dates in words."""
    if value is None or value == "":
        return NOTHING
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is None:
            return f"a deleted {field.related_model._meta.verbose_name}"
        return str(related)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "j F Y")
    if isinstance(field, models.FileField):
        return os.path.basename(str(value))
    return str(value)


def related_names(record, field) -> set[str]:
    """The names of what a version's many-to-many field held."""
    target = field.m2m_reverse_field_name()
    names = set()
    for row in getattr(record, field.name).all():
        try:
            related = getattr(row, target)
        except ObjectDoesNotExist:
            related = None
        names.add(
            str(related)
            if related is not None
            else f"a deleted {field.related_model._meta.verbose_name}"
        )
    return names


def themes(record) -> set[str] | None:
    if not isinstance(record, ThemesHistory):
        return None
    return set(comma_splitter(record.history_themes))


def links(record) -> list[dict] | None:
    if not isinstance(record, LinksHistory):
        return None
    return record.history_links


def link_text(row: dict) -> str:
    label = row.get("label") or NOTHING
    return f"{label} ({row['url']})" if row.get("url") else label


def joined(names) -> str:
    return ", ".join(sorted(names)) if names else NOTHING


# -- the differences between two versions -----------------------------------------------------
@dataclass(frozen=True)
class Change:
    label: str
    description: SafeString


def is_long_text(old, new) -> bool:
    texts = [value for value in (old, new) if isinstance(value, str)]
    return bool(texts) and any(len(text) > SHORT_TEXT or "\n" in text for text in texts)


def value_change(field, old, new) -> SafeString:
    if not field.choices and not field.is_relation and is_long_text(old, new):
        return word_diff(old or "", new or "")
    return format_html("{} → {}", plain_value(field, old), plain_value(field, new))


def words(run: list[str]) -> str:
    """A run of words, long ones shortened after a whole word."""
    if len(run) <= MAX_WORDS_IN_A_RUN:
        return " ".join(run)
    hidden = len(run) - MAX_WORDS_IN_A_RUN
    return f"{' '.join(run[:MAX_WORDS_IN_A_RUN])} … ({hidden} more words)"


def word_diff(old: str, new: str) -> SafeString:
    """The words that changed, each passage with a few words around it. Never cut inside a
    word: texts are compared and shortened word by word."""
    before, after = old.split(), new.split()
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    groups = list(matcher.get_grouped_opcodes(CONTEXT_WORDS))
    passages = []
    for group in groups[:MAX_PASSAGES]:
        pieces = ["…"] if group[0][1] > 0 else []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                pieces.append(escape(" ".join(before[i1:i2])))
            if tag in ("delete", "replace"):
                pieces.append(
                    format_html(
                        '<del><span class="visually-hidden">removed: </span>{}</del>',
                        words(before[i1:i2]),
                    )
                )
            if tag in ("insert", "replace"):
                pieces.append(
                    format_html(
                        '<ins><span class="visually-hidden">added: </span>{}</ins>',
                        words(after[j1:j2]),
                    )
                )
        if group[-1][2] < len(before):
            pieces.append("…")
        passages.append(mark_safe(" ".join(pieces)))  # noqa: S308 - every piece is escaped
    more = len(groups) - MAX_PASSAGES
    if more > 0:
        passages.append(f"and {more} more change{'s' if more > 1 else ''}")
    return format_html_join("", "<div>{}</div>", ((passage,) for passage in passages))


def added_and_removed(added, removed, changed=()) -> SafeString:
    parts = []
    if added:
        parts.append(format_html("added: {}", ", ".join(sorted(added))))
    if removed:
        parts.append(format_html("removed: {}", ", ".join(sorted(removed))))
    if changed:
        parts.append(format_html("changed: {}", "; ".join(changed)))
    return format_html_join("; ", "{}", ((part,) for part in parts))


def links_change(entry_model, old: list[dict], new: list[dict]) -> SafeString | None:
    before = {row["id"]: row for row in old}
    after = {row["id"]: row for row in new}
    fields = {field.attname: field for field in link_fields(entry_model)}
    changed = []
    for pk in before.keys() & after.keys():
        differences = [
            f"{label_of(field)}: {plain_value(field, before[pk].get(name))} → "
            f"{plain_value(field, after[pk].get(name))}"
            for name, field in fields.items()
            if before[pk].get(name) != after[pk].get(name)
        ]
        if differences:
            changed.append(f"{link_text(after[pk])} ({', '.join(differences)})")
    added = [link_text(after[pk]) for pk in after.keys() - before.keys()]
    removed = [link_text(before[pk]) for pk in before.keys() - after.keys()]
    if not (added or removed or changed):
        return None
    return added_and_removed(added, removed, sorted(changed))


def changes_between(record, previous) -> list[Change]:
    """What ``record`` changed since ``previous``, field by field, in the admin's words."""
    if record.history_type == "-":
        return []
    changes = []
    m2m_fields = record._history_m2m_fields
    m2m_names = {field.name for field in m2m_fields}
    for field in record.tracked_fields:
        if not field.editable or field.primary_key or field.name in m2m_names:
            continue
        old, new = getattr(previous, field.attname), getattr(record, field.attname)
        if old != new and not (old in (None, "") and new in (None, "")):
            changes.append(Change(label_of(field), value_change(field, old, new)))
    before = relations_of(previous)
    for field in m2m_fields:
        old, new = related_names(before, field), related_names(record, field)
        if old != new:
            changes.append(Change(label_of(field), added_and_removed(new - old, old - new)))
    old_themes, new_themes = themes(before), themes(record)
    if old_themes is not None and old_themes != new_themes:
        changes.append(
            Change("Themes", added_and_removed(new_themes - old_themes, old_themes - new_themes))
        )
    old_links, new_links = links(before), links(record)
    if old_links is not None and new_links is not None:
        description = links_change(record.instance_type, old_links, new_links)
        if description:
            changes.append(Change(hyperlinks_label(record.instance_type), description))
    return changes


def hyperlinks_label(entry_model) -> str:
    return capfirst(str(link_relation(entry_model).related_model._meta.verbose_name_plural))


# -- one version, as a page shows it ----------------------------------------------------------
@dataclass(frozen=True)
class ShownValue:
    label: str
    value: str


def version_values(record, field_names) -> list[ShownValue]:
    """The version's value of each named field (as the admin form lists them), in words."""
    model = record.instance_type
    relations = relations_of(record)
    tracked = {field.name: field for field in record.tracked_fields}
    m2m = {field.name: field for field in record._history_m2m_fields}
    shown = []
    for name in field_names:
        if name in m2m:
            shown.append(
                ShownValue(label_of(m2m[name]), joined(related_names(relations, m2m[name])))
            )
        elif name in tracked:
            field = tracked[name]
            shown.append(
                ShownValue(label_of(field), plain_value(field, getattr(record, field.attname)))
            )
        elif name == "tags" and themes(relations) is not None:
            try:
                label = label_of(model._meta.get_field("tags"))
            except FieldDoesNotExist:
                label = "Themes"
            shown.append(ShownValue(label, joined(themes(relations))))
    return shown


def version_links(record) -> tuple[str, list[list[ShownValue]]] | None:
    """The version's hyperlinks, each as its fields in words; None when the version did not
    record them."""
    rows = links(relations_of(record))
    if rows is None:
        return None
    fields = link_fields(record.instance_type)
    return hyperlinks_label(record.instance_type), [
        [
            ShownValue(label_of(field), plain_value(field, row.get(field.attname)))
            for field in fields
        ]
        for row in rows
    ]
