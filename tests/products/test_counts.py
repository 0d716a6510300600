"""The products list's counts, read the fast way (products.models ProductQuerySet.published,
products.filters ProjectThemeFilter), equal counts made independently here from the rows:
a product counts only while it and its project are published, once under each theme of its
project, several products of one project each."""

from collections import Counter

import pytest

from products.models import Product, ProductKind
from registers.models import PublicationStatus
from tests.factories import ArchivedProjectFactory, ProjectFactory, PublishedProjectFactory

from .factories import ProductFactory, PublishedProductFactory

pytestmark = pytest.mark.django_db

LIST = "/products/"


@pytest.fixture
def products():
    both = PublishedProjectFactory(themes=["smart cards", "e-learning"])
    cards = PublishedProjectFactory(themes=["smart cards"])
    PublishedProductFactory(project=both, kind=ProductKind.SOFTWARE)
    PublishedProductFactory(project=both, kind=ProductKind.SPECIFICATION)
    PublishedProductFactory(project=cards, kind=ProductKind.SOFTWARE)
    PublishedProductFactory(project=PublishedProjectFactory(), kind=ProductKind.SOFTWARE)
    # Never counted: a draft product, and published products of a draft or archived project.
    ProductFactory(project=cards, kind=ProductKind.SOFTWARE)
    PublishedProductFactory(project=ProjectFactory(themes=["smart cards"]))
    PublishedProductFactory(project=ArchivedProjectFactory(themes=["e-learning"]))


def independent(kind=None) -> tuple[set[int], Counter]:
    shown = {
        product.pk
        for product in Product.objects.select_related("project")
        if product.publication_status == PublicationStatus.PUBLISHED
        and product.project.publication_status == PublicationStatus.PUBLISHED
        and (kind is None or product.kind == kind)
    }
    themes = Counter()
    for product in Product.objects.filter(pk__in=shown).prefetch_related("project__tags"):
        for tag in product.project.tags.all():
            themes[tag.slug] += 1
    return shown, themes


def facet(response, name):
    found = next(f for f in response.context["facets"] if f.name == name)
    return {option.value: option.count for option in found.options if option.count}


def test_published_means_the_product_and_its_project(products):
    shown, _themes = independent()
    assert set(Product.objects.published().values_list("pk", flat=True)) == shown
    assert len(shown) == 4


@pytest.mark.parametrize("kind", [None, ProductKind.SOFTWARE])
def test_theme_counts_equal_a_count_from_the_rows(client, products, kind):
    response = client.get(LIST, {"type": kind} if kind else {})
    shown, themes = independent(kind)

    assert response.context["paginator"].count == len(shown)
    assert facet(response, "theme") == dict(themes)
    assert facet(response, "theme") == (
        {"smart-cards": 3, "e-learning": 2} if kind is None else {"smart-cards": 2, "e-learning": 1}
    )
