"""Plausible products in bulk, for benchmarks (``manage.py seed_bulk --products N``): each of
a bulk project, with take-up by a few other organisations."""

import datetime
import random

from partners.models import Organisation
from projects.bulk import PREFIX as PROJECT_PREFIX
from projects.bulk import SERVICES
from projects.models import Project
from registers.bulk import reseed
from registers.models import PublicationStatus

from .models import Product, ProductKind, TakeUp, TakeUpStatus

PREFIX = "bulk-product-"
LICENCES = [
    "Open Government Licence v3.0",
    "MIT licence",
    "Apache License 2.0",
    "Free to other public bodies on request",
]


def seed_products(count: int, *, seed: int = 2003, batch_size: int = 5000) -> int:
    rng = random.Random(seed)
    projects = list(
        Project.objects.published()
        .filter(slug__startswith=PROJECT_PREFIX)
        .values_list("pk", "lead_organisation_id")
    )
    if not projects:
        raise ValueError("No bulk projects to make products of: seed --projects first.")
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    kinds = [choice.value for choice in ProductKind]
    statuses = [choice.value for choice in TakeUpStatus]
    leads = {}
    now = datetime.datetime.now(datetime.UTC)

    def make_product(number):
        project_id, lead_id = rng.choice(projects)
        service = rng.choice(SERVICES)
        kind = rng.choice(kinds)
        product = Product(
            title=f"{service.capitalize()} {kind.replace('-', ' ')} {number}",
            slug=f"{PREFIX}{number}",
            project_id=project_id,
            kind=kind,
            summary=f"A reusable {kind.replace('-', ' ')} for {service}, from a London project.",
            url=f"https://products.example.org/{number}",
            licence=rng.choice(LICENCES),
            publication_status=PublicationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=count - number),
        )
        leads[product.slug] = lead_id
        return product

    def take_ups(created):
        for product in created:
            others = [pk for pk in organisations if pk != leads[product.slug]]
            for organisation_id in rng.sample(others, rng.randint(0, 4)):
                yield TakeUp(
                    product_id=product.pk,
                    organisation_id=organisation_id,
                    status=rng.choice(statuses),
                    date=datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randrange(9000)),
                )

    return reseed(
        Product, PREFIX, count, make_entry=make_product, link_rows=take_ups, batch_size=batch_size
    )
