"""The map's unfiltered figures (jointwork.models.Tally), kept current on every write.

A published project adds to the figures what it holds (its organisations, their sectors, its
themes and sub-regions, whether it is active); ``CountedProject`` records what it added.
Recounting a project takes that away and adds what it holds now (nothing, once it is a draft,
archived or deleted), in the transaction of the write that changed it: any write that can
change a figure recounts the projects it touched (the signals below, the merge step), and
``rebuild`` counts everything again from the project rows (after bulk seeding, in the
migration that made the tables). Recounting is idempotent: a project recounted twice, or
recounted when nothing changed, leaves every figure as it was.
"""

from collections import Counter
from dataclasses import dataclass
from itertools import combinations, product

from django.apps import apps as global_apps
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from registers.bulk import analyze

from .models import Figure

BATCH = 500  # projects read at once (well under SQLite's limit of query parameters)
PUBLISHED = "published"  # registers.models.PublicationStatus.PUBLISHED
ACTIVE = "active"  # projects.models.ProjectStatus.ACTIVE


@dataclass(frozen=True)
class Inputs:
    """What a published project holds that the figures count (ids, ascending)."""

    active: bool
    organisations: tuple[int, ...]
    sectors: tuple[int, ...]  # of its organisations
    themes: tuple[int, ...]
    sub_regions: tuple[int, ...]


def as_text(ids) -> str:
    return ",".join(str(pk) for pk in ids)


def as_ids(text: str) -> tuple[int, ...]:
    return tuple(map(int, text.split(","))) if text else ()


def figures() -> dict[str, Counter]:
    """Empty figures: {figure: {(first, second): projects}}."""
    return {figure: Counter() for figure in Figure.values}


def count_into(counts: dict[str, Counter], inputs: Inputs) -> None:
    """Add what one project counts for to ``counts`` (as made by ``figures``): the one rule
    of what the map counts, for the kept tallies and for the filtered map alike."""
    counts[Figure.PAIR].update(combinations(inputs.organisations, 2))
    counts[Figure.THEME].update((theme, 0) for theme in inputs.themes)
    if inputs.active:
        sectors = counts[Figure.SECTORS]
        sectors.update(combinations(inputs.sectors, 2))
        if len(inputs.sectors) > 1:
            sectors.update((sector, sector) for sector in inputs.sectors)
        counts[Figure.THEME_REGION].update(product(inputs.themes, inputs.sub_regions))


def contribution(inputs: Inputs | None) -> Counter:
    """What one project adds to the figures: {(figure, first, second): 1}."""
    if inputs is None:
        return Counter()
    counts = figures()
    count_into(counts, inputs)
    return Counter(
        {
            (figure, first, second): n
            for figure, counted in counts.items()
            for (first, second), n in counted.items()
        }
    )


class Models:
    """The models the counting reads and writes: the app's own, or a migration's."""

    def __init__(self, apps=global_apps):
        self.Project = apps.get_model("projects", "Project")
        self.Partners = self.Project._meta.get_field("partner_organisations").remote_field.through
        self.Regions = self.Project._meta.get_field("sub_regions").remote_field.through
        self.ProjectTheme = apps.get_model("projects", "ProjectTheme")
        self.Organisation = apps.get_model("partners", "Organisation")
        self.Tally = apps.get_model("jointwork", "Tally")
        self.CountedProject = apps.get_model("jointwork", "CountedProject")


def current_inputs(m: Models, projects) -> dict[int, Inputs]:
    """What each published project of the queryset ``projects`` holds now, in five queries."""
    projects = projects.filter(publication_status=PUBLISHED).order_by()
    found = {
        pk: (status, lead)
        for pk, status, lead in projects.values_list("pk", "status", "lead_organisation_id")
    }
    if not found:
        return {}
    ids = list(found)
    organisations = {pk: {lead} for pk, (_status, lead) in found.items()}
    for project, organisation in m.Partners.objects.filter(project_id__in=ids).values_list(
        "project_id", "organisation_id"
    ):
        organisations[project].add(organisation)
    themes: dict[int, set[int]] = {pk: set() for pk in ids}
    for project, theme in m.ProjectTheme.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag_id"
    ):
        themes[project].add(theme)
    regions: dict[int, set[int]] = {pk: set() for pk in ids}
    for project, region in m.Regions.objects.filter(project_id__in=ids).values_list(
        "project_id", "subregion_id"
    ):
        regions[project].add(region)
    everyone = set().union(*organisations.values())
    sector_of = dict(m.Organisation.objects.filter(pk__in=everyone).values_list("pk", "sector_id"))
    return {
        pk: Inputs(
            active=status == ACTIVE,
            organisations=tuple(sorted(organisations[pk])),
            sectors=tuple(sorted({sector_of[o] for o in organisations[pk]})),
            themes=tuple(sorted(themes[pk])),
            sub_regions=tuple(sorted(regions[pk])),
        )
        for pk, (status, _lead) in found.items()
    }


def stored_inputs(row) -> Inputs | None:
    if row is None:
        return None
    return Inputs(
        active=row.active,
        organisations=as_ids(row.organisations),
        sectors=as_ids(row.sectors),
        themes=as_ids(row.themes),
        sub_regions=as_ids(row.sub_regions),
    )


def counted_row(m: Models, pk: int, inputs: Inputs):
    return m.CountedProject(
        project_id=pk,
        active=inputs.active,
        organisations=as_text(inputs.organisations),
        sectors=as_text(inputs.sectors),
        themes=as_text(inputs.themes),
        sub_regions=as_text(inputs.sub_regions),
    )


def batches(ids: list[int]):
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def recount(project_ids, *, m: Models | None = None) -> None:
    """Bring the figures up to date with what the projects ``project_ids`` hold now (none of
    them need still exist or be published)."""
    m = m or Models()
    ids = sorted({int(pk) for pk in project_ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        for batch in batches(ids):
            # Locked: two writes recounting the same project take turns.
            stored = {
                row.project_id: row
                for row in m.CountedProject.objects.select_for_update().filter(project_id__in=batch)
            }
            now = current_inputs(m, m.Project.objects.filter(pk__in=batch))
            delta: Counter = Counter()
            rows, gone = [], []
            for pk in batch:
                before, after = stored_inputs(stored.get(pk)), now.get(pk)
                if before == after:
                    continue
                delta.update(contribution(after))
                delta.subtract(contribution(before))
                if after is None:
                    gone.append(pk)
                else:
                    rows.append(counted_row(m, pk, after))
            if gone:
                m.CountedProject.objects.filter(project_id__in=gone).delete()
            if rows:
                m.CountedProject.objects.bulk_create(
                    rows,
                    update_conflicts=True,
                    unique_fields=["project_id"],
                    update_fields=["active", "organisations", "sectors", "themes", "sub_regions"],
                )
            add(m, delta)


def add(m: Models, delta: Counter) -> None:
    """Add ``delta`` ({(figure, first, second): change}) to the tallies."""
    delta = {key: change for key, change in delta.items() if change}
    if not delta:
        return
    keys = list(delta)
    # A superset of the rows to change, locked, in one query.
    existing = {
        (row.figure, row.first, row.second): row
        for row in m.Tally.objects.select_for_update().filter(
            figure__in={key[0] for key in keys},
            first__in={key[1] for key in keys},
            second__in={key[2] for key in keys},
        )
    }
    changed, dropped, new = [], [], []
    for key, change in delta.items():
        row = existing.get(key)
        if row is None:
            if change > 0:
                new.append(m.Tally(figure=key[0], first=key[1], second=key[2], projects=change))
            continue
        row.projects += change
        (changed if row.projects > 0 else dropped).append(row)
    if changed:
        m.Tally.objects.bulk_update(changed, ["projects"])
    if dropped:
        m.Tally.objects.filter(pk__in=[row.pk for row in dropped]).delete()
    if new:
        try:
            with transaction.atomic():
                m.Tally.objects.bulk_create(new)
        except IntegrityError:
            # Another write made some of them meanwhile: add to theirs, one by one.
            for row in new:
                key = {"figure": row.figure, "first": row.first, "second": row.second}
                if not m.Tally.objects.filter(**key).update(projects=F("projects") + row.projects):
                    m.Tally.objects.create(**key, projects=row.projects)


def rebuild(*, m: Models | None = None) -> None:
    """Count every figure again from the project rows, replacing what the tables held."""
    m = m or Models()
    with transaction.atomic():
        m.Tally.objects.all().delete()
        m.CountedProject.objects.all().delete()
        published = m.Project.objects.filter(publication_status=PUBLISHED)
        ids = sorted(published.values_list("pk", flat=True))
        totals = figures()
        for batch in batches(ids):
            now = current_inputs(m, m.Project.objects.filter(pk__in=batch))
            m.CountedProject.objects.bulk_create(
                [counted_row(m, pk, inputs) for pk, inputs in now.items()]
            )
            for inputs in now.values():
                count_into(totals, inputs)
        m.Tally.objects.bulk_create(
            [
                m.Tally(figure=figure, first=first, second=second, projects=n)
                for figure, counted in totals.items()
                for (first, second), n in counted.items()
            ],
            batch_size=2000,
        )


def rebuild_after_bulk_seed() -> None:
    """``seed_bulk`` writes projects without signals: count again from the rows, and give the
    planner statistics for the refilled tables, as the seeders do for theirs."""
    m = Models()
    rebuild(m=m)
    analyze([m.Tally, m.CountedProject])


# When to recount: every write that can change what a published project holds.


def _project_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        recount([instance.pk])


def _project_deleted(sender, instance, **kwargs):
    recount([instance.pk])


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Partners, sub-regions or themes added, removed or cleared, from either side."""
    if not reverse:
        if action in {"post_add", "post_remove", "post_clear"}:
            recount([instance.pk])
        return
    # From the organisation's (or sub-region's) side: pk_set holds projects; a clear says
    # nothing of which, so they are noted before it.
    if action == "pre_clear":
        instance._jointwork_projects = list(
            sender.objects.filter(**{_side(sender, instance): instance.pk}).values_list(
                "project_id", flat=True
            )
        )
    elif action in {"post_add", "post_remove"}:
        recount(pk_set or [])
    elif action == "post_clear":
        recount(getattr(instance, "_jointwork_projects", []))


def _side(through, instance) -> str:
    """The through table's column pointing at ``instance``'s model."""
    for field in through._meta.fields:
        if field.is_relation and field.related_model is type(instance):
            return field.attname
    raise LookupError(through)


def _note_projects(sender, instance, **kwargs):
    """Before an organisation, sub-region or theme goes, the projects whose rows go with it."""
    m = Models()
    if sender is m.Organisation:
        projects = m.Partners.objects.filter(organisation_id=instance.pk).values_list(
            "project_id", flat=True
        )
    elif sender._meta.label == "taggit.Tag":
        projects = m.ProjectTheme.objects.filter(tag_id=instance.pk).values_list(
            "content_object_id", flat=True
        )
    else:
        projects = m.Regions.objects.filter(subregion_id=instance.pk).values_list(
            "project_id", flat=True
        )
    instance._jointwork_projects = list(projects)


def _recount_noted(sender, instance, **kwargs):
    recount(getattr(instance, "_jointwork_projects", []))


def _note_sector(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._jointwork_old_sector = (
        sender.objects.filter(pk=instance.pk).values_list("sector_id", flat=True).first()
    )


def _organisation_saved(sender, instance, raw=False, created=False, **kwargs):
    """A new sector changes the sector figure of every active project it takes part in."""
    old = getattr(instance, "_jointwork_old_sector", None)
    if raw or created or old is None or old == instance.sector_id:
        return
    m = Models()
    recount(
        m.Project.objects.filter(publication_status=PUBLISHED, status=ACTIVE)
        .involving(instance)
        .values_list("pk", flat=True),
        m=m,
    )


def recount_after_merge(*, kept, merged, changed=None) -> list:
    """A merge (registers.merge) moves rows with UPDATE, which sends no signals: recount the
    projects it changed. Nothing to show in the merge's plan."""
    if changed is not None:
        recount(changed.get(Models().Project, ()))
    return []


def connect() -> None:
    from taggit.models import Tag

    from partners.models import Organisation, SubRegion
    from projects.models import Project, ProjectTheme

    post_save.connect(_project_saved, sender=Project, dispatch_uid="jointwork-project-saved")
    post_delete.connect(_project_deleted, sender=Project, dispatch_uid="jointwork-project-gone")
    for through in (
        Project.partner_organisations.through,
        Project.sub_regions.through,
        ProjectTheme,
    ):
        m2m_changed.connect(
            _links_changed, sender=through, dispatch_uid=f"jointwork-{through._meta.label}"
        )
    for model in (Organisation, SubRegion, Tag):
        label = model._meta.label
        pre_delete.connect(_note_projects, sender=model, dispatch_uid=f"jointwork-note-{label}")
        post_delete.connect(_recount_noted, sender=model, dispatch_uid=f"jointwork-gone-{label}")
    pre_save.connect(_note_sector, sender=Organisation, dispatch_uid="jointwork-old-sector")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="jointwork-sector")
