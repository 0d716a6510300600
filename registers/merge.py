"""Merging duplicates: two spellings of one theme, one organisation entered twice.

Every row that points at a merged object is moved to the kept one, a link the kept object
already has is dropped rather than doubled, each register entry that changed gets one new
version in its history (and a fresh search document), and the merged objects are deleted:
all in one transaction, so a failure anywhere leaves everything as it was.

What points at a model is read from the model's own relations (``_meta``), so a relation
added later is moved too without this module knowing of it. Edit histories are not moved:
they say what an entry pointed at then, and a merged organisation's own history is kept.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Exists, OuterRef
from simple_history.models import HistoricalChanges

from .cache import data_changed
from .search import has_stored_vector

REASON_LENGTH = 100  # simple-history's change reason column


class MergeRefused(Exception):
    """The merge cannot be done as asked; the message says why, in plain words."""


@dataclass(frozen=True)
class Reference:
    """One way rows point at the merged model: ``model.field`` is a foreign key to it.

    For a link table (a many-to-many's, or a themes table) ``entry_model``/``entry_field``
    name the entry each link belongs to: that entry is what changes, gets a new version and
    a fresh search document. For a plain foreign key the row itself is the entry."""

    model: type[models.Model]
    field: str
    via: str  # the link's name on the entry's side: "lead organisation", "themes"
    entry_model: type[models.Model] | None = None
    entry_field: str | None = None

    @property
    def changed_model(self) -> type[models.Model]:
        return self.entry_model or self.model

    @property
    def label(self) -> str:
        return f"{self.changed_model._meta.verbose_name_plural} ({self.via})"

    def rows(self, target) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.field: target})

    def entry_ids(self, target) -> list:
        column = self.entry_field or "pk"
        return list(self.rows(target).values_list(column, flat=True).distinct())

    def twin_columns(self) -> list[tuple[str, ...]]:
        """The other columns of each unique set that holds this foreign key: a row whose
        twin (the same values there) already points at the kept object is a duplicate."""
        opts = self.model._meta
        sets = [tuple(fields) for fields in opts.unique_together]
        sets += [tuple(c.fields) for c in opts.total_unique_constraints]
        # A foreign key unique on its own (a one-to-one) has no twin: see plan_merge.
        return [
            tuple(f for f in fields if f != self.field)
            for fields in sets
            if self.field in fields and len(fields) > 1
        ]

    @property
    def one_each(self) -> bool:
        return self.model._meta.get_field(self.field).unique


def _link_tables(model) -> dict[type[models.Model], tuple[type[models.Model], str]]:
    """Each link table pointing at ``model``, with the entry model on its other side and the
    link table's column naming the entry."""
    tables = {}
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.many_to_many and not relation.concrete):
            continue
        through, entry_model = relation.through, relation.related_model
        for column in through._meta.concrete_fields:
            if column.is_relation and column.related_model is entry_model:
                tables[through] = (entry_model, column.name)
    return tables


def references_to(model) -> list[Reference]:
    """Every foreign key to ``model`` outside the edit histories, in plain words."""
    tables = _link_tables(model)
    references = []
    for relation in model._meta.get_fields(include_hidden=True):
        if relation.concrete or not (relation.one_to_many or relation.one_to_one):
            continue
        if issubclass(relation.related_model, HistoricalChanges):
            continue
        holder, column = relation.related_model, relation.field
        if holder in tables:
            entry_model, entry_field = tables[holder]
            many = next(
                f for f in entry_model._meta.many_to_many if f.remote_field.through is holder
            )
            references.append(
                Reference(holder, column.name, many.verbose_name, entry_model, entry_field)
            )
        else:
            references.append(Reference(holder, column.name, column.verbose_name))
    return sorted(references, key=lambda reference: reference.label)


@dataclass
class Move:
    label: str
    moved: int = 0  # rows pointed at the kept object
    dropped: int = 0  # rows the kept object already had: removed, not doubled


@dataclass
class MergePlan:
    """What a merge will do, shown before it is done."""

    kept: models.Model
    merged: list[models.Model]
    moves: list[Move] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(move.moved + move.dropped for move in self.moves)


# What a register must tidy after a merge, beyond moving links (a project's lead is not also
# its partner): each register declares its steps from its AppConfig.ready(), so this floor
# never imports the registers. A step is called as ``step(kept=..., merged=[...],
# changed=None)`` to count what it will do, and with ``changed`` (model -> entry ids, which it
# adds to) inside the merge's transaction to do it; either way it returns its Moves.
TIDY_STEPS: list[Callable] = []


def after_merge(step: Callable) -> Callable:
    if step not in TIDY_STEPS:
        TIDY_STEPS.append(step)
    return step


def _duplicates(reference: Reference, old, kept) -> models.QuerySet:
    rows = reference.rows(old)
    twins = models.Q()
    for columns in reference.twin_columns():
        twin = reference.model._base_manager.filter(
            **{reference.field: kept}, **{c: OuterRef(c) for c in columns}
        )
        twins |= models.Q(Exists(twin))
    return rows.filter(twins) if twins else rows.none()


def _check(kept, merged) -> None:
    if not merged:
        raise MergeRefused("Choose at least one other to merge into the kept one.")
    if any(old.pk == kept.pk for old in merged):
        raise MergeRefused(f"“{kept}” cannot be merged into itself.")
    if any(type(old) is not type(kept) for old in merged):
        raise MergeRefused("Only objects of one kind can be merged.")


def plan_merge(*, kept, merged) -> MergePlan:
    """Count, per reference, the rows that will move to ``kept`` and the duplicates that will
    be dropped, as if the merge were done one merged object after another."""
    _check(kept, merged)
    plan = MergePlan(kept=kept, merged=list(merged))
    for reference in references_to(type(kept)):
        if (
            reference.one_each
            and reference.rows(kept).exists()
            and any(reference.rows(old).exists() for old in merged)
        ):
            raise MergeRefused(
                f"Both have their own {reference.label}: only one can be kept. "
                "Remove one of them first."
            )
        move = Move(reference.label)
        claimed = set()  # twins a previous merged object will have brought to the kept one
        for old in merged:
            duplicates = set(_duplicates(reference, old, kept).values_list("pk", flat=True))
            rows = reference.rows(old)
            for columns in reference.twin_columns():
                for pk, *values in rows.values_list("pk", *columns):
                    key = (columns, tuple(values))
                    if key in claimed:
                        duplicates.add(pk)
                    claimed.add(key)
            count = rows.count()
            move.dropped += len(duplicates)
            move.moved += count - len(duplicates)
        plan.moves.append(move)
    for step in TIDY_STEPS:
        plan.moves += step(kept=kept, merged=plan.merged, changed=None)
    return plan


def merge(*, kept, merged, user=None) -> MergePlan:
    """Move every reference to each of ``merged`` onto ``kept``, then delete ``merged``.

    Returns the plan it carried out. One transaction: all of it, or nothing."""
    merged = list(merged)
    plan = plan_merge(kept=kept, merged=merged)
    names = ", ".join(f"“{old}”" for old in merged)
    reason = f"Merged {names} into “{kept}”"[:REASON_LENGTH]
    with transaction.atomic():
        changed: dict[type[models.Model], set] = defaultdict(set)
        references = references_to(type(kept))
        for old in merged:
            for reference in references:
                changed[reference.changed_model].update(reference.entry_ids(old))
                _duplicates(reference, old, kept).delete()
                reference.rows(old).update(**{reference.field: kept})
            old._change_reason = reason
            old._history_user = user
            old.delete()
        for step in TIDY_STEPS:
            step(kept=kept, merged=merged, changed=changed)
        for model, ids in changed.items():
            record_versions(model, ids, reason=reason, user=user)
        data_changed()
    return plan


def record_versions(model, ids, *, reason: str, user=None) -> None:
    """Give each changed entry one new version in its history (with its links and themes
    as they now are) and a fresh search document."""
    if not ids:
        return
    if hasattr(model, "history"):
        # Saving only the time of the edit: the merge is not the owner's review.
        timestamp = (
            ["updated_at"] if any(f.name == "updated_at" for f in model._meta.fields) else None
        )
        for entry in model._default_manager.filter(pk__in=ids).iterator():
            entry._change_reason = reason
            entry._history_user = user
            entry.save(update_fields=timestamp)
    if has_stored_vector(model):
        model._default_manager.filter(pk__in=ids).refresh_search_vector()


def uses_in_words(target, *, limit: int = 10) -> list[str]:
    """What still points at ``target``, one line per row (``limit`` per reference), named
    as a person would: “Project “Newham contact centre” (partner organisations)”."""
    lines = []
    for reference in references_to(type(target)):
        rows = reference.rows(target)
        if reference.entry_model is not None:
            named = reference.entry_model._base_manager.filter(
                pk__in=rows.values(reference.entry_field)
            )
        else:
            named = rows
        total = named.count()
        kind = reference.changed_model._meta.verbose_name.capitalize()
        lines += [f"{kind} “{row}” ({reference.via})" for row in named[:limit]]
        if total > limit:
            lines.append(f"… and {total - limit} more {reference.label}")
    return lines
