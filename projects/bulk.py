"""Plausible projects in bulk, for benchmarks (``manage.py seed_bulk --projects N``)."""

import datetime
import random

from taggit.models import Tag

from partners.demo_data import THEMES
from partners.models import Organisation, Sector, SubRegion
from registers.bulk import reseed
from registers.models import PublicationStatus

from .models import Programme, Project, ProjectStatus, ProjectTheme

PREFIX = "bulk-project-"
SERVICES = [
    "benefits",
    "council tax",
    "housing repairs",
    "school admissions",
    "planning applications",
    "social care referrals",
    "library",
    "parking permits",
    "street works",
    "licensing",
    "waste collection",
    "youth services",
    "health records",
    "emergency planning",
]
ACTIONS = [
    "Online",
    "Joined-up",
    "Shared",
    "Electronic",
    "Cross-borough",
    "Multi-agency",
    "Mobile",
    "Citizen-facing",
    "Secure",
    "Integrated",
]
OUTCOMES = ["service", "portal", "pilot", "gateway", "network", "partnership", "contact centre"]


def seed_projects(count: int, *, seed: int = 2002, batch_size: int = 5000) -> int:
    rng = random.Random(seed)
    organisations = list(Organisation.objects.values_list("pk", "name"))
    regions = list(SubRegion.objects.values_list("pk", flat=True))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    programmes = [choice.value for choice in Programme]
    statuses = [choice.value for choice in ProjectStatus]
    tags = [Tag.objects.get_or_create(name=name)[0].pk for name in THEMES]
    through_regions = Project.sub_regions.through
    through_sectors = Project.sectors.through
    through_partners = Project.partner_organisations.through
    now = datetime.datetime.now(datetime.UTC)

    def make_project(number):
        lead_id, lead_name = rng.choice(organisations)
        service = rng.choice(SERVICES)
        start = datetime.date(1999, 1, 1) + datetime.timedelta(days=rng.randrange(2500))
        return Project(
            title=f"{rng.choice(ACTIONS)} {service} {rng.choice(OUTCOMES)} {number}",
            slug=f"{PREFIX}{number}",
            summary=f"{lead_name} and partners improve {service} for Londoners.",
            description=(
                f"A project to make {service} easier to use, led by {lead_name}, "
                f"sharing what works with other London partners."
            ),
            programme=rng.choice(programmes),
            status=rng.choice(statuses),
            lead_organisation_id=lead_id,
            start_date=start,
            end_date=start + datetime.timedelta(days=rng.randrange(200, 1500)),
            budget=rng.choice([None, rng.randrange(20, 5000) * 1000]),
            publication_status=PublicationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=count - number),
        )

    def project_links(created):
        for project in created:
            for region in rng.sample(regions, rng.randint(1, 2)):
                yield through_regions(project_id=project.pk, subregion_id=region)
            for sector in rng.sample(sectors, rng.randint(1, 2)):
                yield through_sectors(project_id=project.pk, sector_id=sector)
            for partner_id, _name in rng.sample(organisations, rng.randint(0, 3)):
                if partner_id != project.lead_organisation_id:
                    yield through_partners(project_id=project.pk, organisation_id=partner_id)
            for tag in rng.sample(tags, rng.randint(1, 3)):
                yield ProjectTheme(tag_id=tag, content_object_id=project.pk)

    return reseed(
        Project,
        PREFIX,
        count,
        make_entry=make_project,
        link_rows=project_links,
        batch_size=batch_size,
    )
