"""Plausible funding sources in bulk, for benchmarks (``manage.py seed_bulk --funding N``)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from taggit.models import Tag

from partners.demo_data import THEMES
from partners.models import Organisation, Sector
from registers.bulk import reseed
from registers.models import PublicationStatus

from .models import Currency, FundingSource, FundingTheme, Origin

PREFIX = "bulk-fund-"
FUNDERS = ["HM Treasury", "European Commission", "Big Lottery Fund", "Cabinet Office", "Nesta"]
KINDS = ["Challenge fund", "Grant programme", "Pathfinder round", "Capital fund", "Pilot fund"]


def seed_funding(count: int, *, seed: int = 2002, batch_size: int = 5000) -> int:
    rng = random.Random(seed)
    owners = list(Organisation.objects.values_list("pk", flat=True))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=name)[0].pk for name in THEMES]
    through_sectors = FundingSource.eligible_sectors.through
    today = timezone.localdate()
    now = datetime.datetime.now(datetime.UTC)
    origins = list(Origin.values)

    def make_fund(number):
        theme = rng.choice(THEMES)
        smallest = Decimal(rng.choice([1000, 10000, 50000, 100000]))
        closes = None if rng.random() < 0.15 else today + datetime.timedelta(rng.randint(-400, 400))
        return FundingSource(
            title=f"{theme.capitalize()} {rng.choice(KINDS).lower()} {number}",
            slug=f"{PREFIX}{number}",
            summary=f"Funding for {theme} projects by London's public-sector partners.",
            owner_id=rng.choice(owners),
            funder_name=rng.choice(FUNDERS),
            origin=rng.choice(origins),
            currency=Currency.EUR if rng.random() < 0.3 else Currency.GBP,
            amount_min=smallest,
            amount_max=smallest * rng.choice([5, 10, 50]),
            match_funding_percent=rng.choice([None, None, 25, 50]),
            closes_on=closes,
            publication_status=PublicationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=count - number),
        )

    def fund_rows(created):
        for fund in created:
            for sector in rng.sample(sectors, rng.randint(0, 3)):
                yield through_sectors(fundingsource_id=fund.pk, sector_id=sector)
            for tag in rng.sample(tags, rng.randint(1, 3)):
                yield FundingTheme(tag_id=tag, content_object_id=fund.pk)

    return reseed(
        FundingSource,
        PREFIX,
        count,
        make_entry=make_fund,
        link_rows=fund_rows,
        batch_size=batch_size,
    )
