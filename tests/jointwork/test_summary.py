"""The map's tallies, kept on every write (jointwork.summary), always equal the figures counted
independently here from the project, partner, theme and sub-region rows: after edits,
deletions, publication and status changes, partner changes from either side, a sector
change and merges. Drafts and archived projects never count."""

import itertools
from collections import Counter

import pytest
from django.core.management import call_command
from taggit.models import Tag

from jointwork import summary
from jointwork.models import CountedProject, Figure, Tally
from partners.models import Organisation, Sector, SubRegion
from projects.models import Project, ProjectStatus
from registers.merge import merge
from registers.models import PublicationStatus
from tests.factories import (
    ArchivedProjectFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


def independent() -> Counter:
    """Every figure, counted from the rows of published projects."""
    counts = Counter()
    for project in Project.objects.published().prefetch_related(
        "partner_organisations", "tags", "sub_regions"
    ):
        organisations = {project.lead_organisation} | set(project.partner_organisations.all())
        themes = {tag.pk for tag in project.tags.all()}
        regions = {region.pk for region in project.sub_regions.all()}
        for first, second in itertools.combinations(sorted(o.pk for o in organisations), 2):
            counts[Figure.PAIR.value, first, second] += 1
        for theme in themes:
            counts[Figure.THEME.value, theme, 0] += 1
        if project.status != ProjectStatus.ACTIVE:
            continue
        sectors = sorted({o.sector_id for o in organisations})
        for first, second in itertools.combinations(sectors, 2):
            counts[Figure.SECTORS.value, first, second] += 1
        if len(sectors) > 1:
            for sector in sectors:
                counts[Figure.SECTORS.value, sector, sector] += 1
        for theme in themes:
            for region in regions:
                counts[Figure.THEME_REGION.value, theme, region] += 1
    return counts


def kept() -> Counter:
    return Counter(
        {
            (figure, first, second): n
            for figure, first, second, n in Tally.objects.values_list(
                "figure", "first", "second", "projects"
            )
        }
    )


def assert_kept_equals_counted():
    assert kept() == independent()
    published = set(Project.objects.published().values_list("pk", flat=True))
    assert set(CountedProject.objects.values_list("project_id", flat=True)) == published


@pytest.fixture
def world():
    sectors = {slug: Sector.objects.get(slug=slug) for slug in ("local-authority", "nhs", "police")}
    east, west = SubRegion.objects.get(slug="east"), SubRegion.objects.get(slug="west")
    newham, hackney, ealing = (
        Organisation.objects.get(slug=slug) for slug in ("newham", "hackney", "ealing")
    )
    health = OrganisationFactory(name="East Health", slug="east-health", sector=sectors["nhs"])
    police = OrganisationFactory(name="Met Police", slug="met-police", sector=sectors["police"])
    one = PublishedProjectFactory(
        lead_organisation=newham, partners=[hackney, health], regions=[east], themes=["smart cards"]
    )
    two = PublishedProjectFactory(
        lead_organisation=hackney,
        partners=[newham, police],
        regions=[east, west],
        themes=["smart cards", "social inclusion"],
    )
    three = PublishedProjectFactory(
        lead_organisation=health,
        partners=[police],
        regions=[west],
        themes=["social inclusion"],
        status=ProjectStatus.COMPLETED,
    )
    draft = ProjectFactory(
        lead_organisation=ealing, partners=[newham, police], regions=[west], themes=["x"]
    )
    archived = ArchivedProjectFactory(
        lead_organisation=ealing, partners=[health], regions=[east], themes=["smart cards"]
    )
    return {
        **{"newham": newham, "hackney": hackney, "ealing": ealing},
        **{"health": health, "police": police, "east": east, "west": west},
        **{"one": one, "two": two, "three": three, "draft": draft, "archived": archived},
        "sectors": sectors,
    }


def test_kept_tallies_count_published_projects_only(world):
    assert_kept_equals_counted()
    pairs = kept()
    newham, ealing = world["newham"], world["ealing"]
    assert pairs[Figure.PAIR.value, *sorted((newham.pk, world["hackney"].pk))] == 2
    # The draft joins Ealing with Newham, and is not counted.
    assert (Figure.PAIR.value, *sorted((newham.pk, ealing.pk))) not in pairs
    assert CountedProject.objects.filter(project_id=world["draft"].pk).count() == 0
    assert CountedProject.objects.filter(project_id=world["archived"].pk).count() == 0


def test_publication_and_status_changes(world):
    draft, one, two = world["draft"], world["one"], world["two"]
    draft.publication_status = PublicationStatus.PUBLISHED
    draft.save()
    assert_kept_equals_counted()
    one.publication_status = PublicationStatus.ARCHIVED
    one.save()
    assert_kept_equals_counted()
    two.status = ProjectStatus.COMPLETED  # no longer in the sector and gap figures
    two.save()
    assert_kept_equals_counted()
    two.status = ProjectStatus.ACTIVE
    two.lead_organisation = world["ealing"]
    two.save()
    assert_kept_equals_counted()
    world["archived"].publication_status = PublicationStatus.PUBLISHED
    world["archived"].save()
    assert_kept_equals_counted()


def test_partner_changes_from_either_side(world):
    one, two = world["one"], world["two"]
    one.partner_organisations.add(world["police"], world["ealing"])
    assert_kept_equals_counted()
    one.partner_organisations.remove(world["hackney"])
    assert_kept_equals_counted()
    two.partner_organisations.set([world["ealing"]])
    assert_kept_equals_counted()
    two.partner_organisations.clear()
    assert_kept_equals_counted()
    world["police"].partner_projects.add(one, two)
    assert_kept_equals_counted()
    world["police"].partner_projects.remove(one)
    assert_kept_equals_counted()
    world["police"].partner_projects.clear()
    assert_kept_equals_counted()
    world["newham"].partner_projects.set([two, world["three"]])
    assert_kept_equals_counted()


def test_theme_and_sub_region_changes(world):
    one, two = world["one"], world["two"]
    one.tags.add("social inclusion", "e-payments")
    assert_kept_equals_counted()
    two.tags.remove("smart cards")
    assert_kept_equals_counted()
    one.tags.set(["libraries"])
    assert_kept_equals_counted()
    two.tags.clear()
    assert_kept_equals_counted()
    one.sub_regions.add(world["west"])
    assert_kept_equals_counted()
    world["west"].projects.remove(world["two"])
    assert_kept_equals_counted()
    world["east"].projects.clear()
    assert_kept_equals_counted()
    Tag.objects.get(name="social inclusion").delete()
    assert_kept_equals_counted()


def test_deletions(world):
    world["two"].delete()
    assert_kept_equals_counted()
    # A partner organisation that leads nothing: its partnerships go with it.
    world["police"].delete()
    assert_kept_equals_counted()
    region = SubRegion.objects.create(name="Thames Gateway", slug="thames-gateway")
    region.projects.add(world["one"], world["three"])
    assert_kept_equals_counted()
    region.delete()
    assert_kept_equals_counted()


def test_an_organisation_changing_sector(world):
    health = world["health"]
    health.sector = world["sectors"]["police"]
    health.save()
    assert_kept_equals_counted()
    health.name = "East Health Trust"  # any other change leaves the figures as they are
    health.save()
    assert_kept_equals_counted()


def test_merging_organisations_and_themes(world):
    # The merge moves rows with UPDATE, which sends no signals.
    merge(kept=world["hackney"], merged=[world["newham"]])
    assert_kept_equals_counted()
    merge(
        kept=Tag.objects.get(name="smart cards"), merged=[Tag.objects.get(name="social inclusion")]
    )
    assert_kept_equals_counted()


def test_recounting_is_idempotent_and_a_rebuild_agrees(world):
    before = kept()
    summary.recount(Project.objects.values_list("pk", flat=True))
    summary.recount([world["one"].pk, world["one"].pk, 10**9])  # twice, and one that is not
    assert kept() == before
    Tally.objects.all().delete()
    CountedProject.objects.all().delete()
    summary.rebuild()
    assert kept() == before
    assert_kept_equals_counted()


def test_seed_bulk_recounts_what_it_wrote_without_signals():
    call_command("seed_bulk", projects=30, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Project.objects.published().count() >= 30
    assert_kept_equals_counted()
