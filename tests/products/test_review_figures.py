"""The annual review's products figures: counted as the register's links count, and frozen
with the edition."""

import datetime

import pytest
from django.utils import timezone

from products.models import ProductKind, TakeUpStatus
from reviews import services
from reviews.figures import compile_figures
from tests.factories import ReviewFactory, SteeringMemberFactory

from .factories import ProductFactory, PublishedProductFactory, TakeUpFactory

pytestmark = pytest.mark.django_db


def in_2025(product):
    type(product).objects.filter(pk=product.pk).update(
        published_at=timezone.make_aware(datetime.datetime(2025, 3, 1))
    )
    return product


def products_table(figures):
    return next(t for t in figures["tables"] if t["key"] == "products-by-type")


def cells(table, key):
    row = next(row for row in table["rows"] if row["key"] == key)
    return [cell["value"] for cell in row["cells"]]


def test_products_listed_and_taken_up_in_the_year_by_type(client):
    software = in_2025(PublishedProductFactory(kind=ProductKind.SOFTWARE))
    in_2025(PublishedProductFactory(kind=ProductKind.SOFTWARE))
    older = PublishedProductFactory(kind=ProductKind.TRAINING_PACK)  # listed this year
    in_2025(ProductFactory(kind=ProductKind.SOFTWARE))  # a draft never counts
    TakeUpFactory(product=software, date=datetime.date(2025, 5, 1))
    TakeUpFactory(product=software, date=datetime.date(2025, 6, 1))  # the same product
    TakeUpFactory(product=older, date=datetime.date(2025, 7, 1), status=TakeUpStatus.DECLINED)

    table = products_table(compile_figures(2025))

    assert cells(table, "software") == [2, 1]
    assert cells(table, "training-pack") == [0, 0]
    assert cells(table, "all") == [2, 1]
    # Each figure links to the register list that shows exactly the rows it counts.
    listed_link = table["rows"][-1]["cells"][0]["link"]
    assert listed_link == "/products/?listed_in=2025"
    software_taken = next(r for r in table["rows"] if r["key"] == "software")["cells"][1]["link"]
    response = client.get(software_taken)
    assert [p.title for p in response.context["products"]] == [software.title]


def test_the_products_figures_are_frozen_with_the_edition(client):
    product = in_2025(PublishedProductFactory(kind=ProductKind.SOFTWARE))
    review = ReviewFactory(year=2025)
    services.publish(review, by=SteeringMemberFactory())
    before = client.get("/reviews/2025/")
    assert "Products for reuse" in before.content.decode()

    # Take-up recorded after publishing does not change the published figures.
    TakeUpFactory(product=product, date=datetime.date(2025, 9, 1))
    in_2025(PublishedProductFactory(kind=ProductKind.SOFTWARE))

    doc = client.get("/reviews/2025/").context["doc"]
    frozen = doc["tables"]["products_by_type"]
    assert cells(frozen, "software") == [1, 0]
    assert cells(products_table(compile_figures(2025)), "software") == [2, 1]
