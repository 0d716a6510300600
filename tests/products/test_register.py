"""The /products/ register: list, facets, filters, exports, feed, search, detail and query caps."""

import csv
import io
import json

import pytest
from django.urls import reverse

from partners.models import Sector
from products.models import ProductKind, TakeUpStatus
from registers.models import PublicationStatus
from tests.factories import (
    OrganisationFactory,
    PaperFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

from .factories import ProductFactory, PublishedProductFactory, TakeUpFactory

pytestmark = pytest.mark.django_db

LIST = "/products/"


def titles(response):
    return [product.title for product in response.context["products"]]


def rows(response):
    return b"".join(response.streaming_content).decode()


def test_lists_only_published_products_of_published_projects(client):
    PublishedProductFactory(title="Shown")
    ProductFactory(title="A draft")
    PublishedProductFactory(title="Of a draft project", project=ProjectFactory())
    PublishedProductFactory(title="Archived", publication_status=PublicationStatus.ARCHIVED)

    assert titles(client.get(LIST)) == ["Shown"]


def test_filters_by_type_with_facet_counts(client):
    PublishedProductFactory(title="Spec", kind=ProductKind.SPECIFICATION)
    PublishedProductFactory(title="App", kind=ProductKind.SOFTWARE)
    PublishedProductFactory(title="App 2", kind=ProductKind.SOFTWARE)

    response = client.get(LIST, {"type": "software"})

    assert sorted(titles(response)) == ["App", "App 2"]
    facet = next(f for f in response.context["facets"] if f.name == "type")
    counts = {option.value: option.count for option in facet.options}
    # Disjunctive: the type facet's counts ignore its own selection.
    assert counts["software"] == 2 and counts["specification"] == 1


def test_filters_by_the_projects_theme(client):
    PublishedProductFactory(title="Cards", project=PublishedProjectFactory(themes=["smart cards"]))
    PublishedProductFactory(title="Other", project=PublishedProjectFactory(themes=["e-learning"]))

    response = client.get(LIST, {"theme": "smart-cards"})

    assert titles(response) == ["Cards"]
    facet = next(f for f in response.context["facets"] if f.name == "theme")
    assert {option.value: option.count for option in facet.options} == {
        "smart-cards": 1,
        "e-learning": 1,
    }


def test_filters_by_the_sector_of_organisations_taking_it_up_not_declining(client):
    nhs = Sector.objects.get(slug="nhs")
    police = Sector.objects.get(slug="police")
    adopted = PublishedProductFactory(title="Adopted by the NHS")
    declined = PublishedProductFactory(title="Declined by the NHS")
    TakeUpFactory(product=adopted, organisation=OrganisationFactory(sector=nhs))
    TakeUpFactory(product=adopted, organisation=OrganisationFactory(sector=nhs))
    TakeUpFactory(
        product=declined,
        organisation=OrganisationFactory(sector=nhs),
        status=TakeUpStatus.DECLINED,
    )
    TakeUpFactory(
        product=declined,
        organisation=OrganisationFactory(sector=police),
        status=TakeUpStatus.EVALUATING,
    )

    response = client.get(LIST, {"adopter_sector": "nhs"})

    assert titles(response) == ["Adopted by the NHS"]
    facet = next(f for f in response.context["facets"] if f.name == "adopter_sector")
    counts = {option.value: option.count for option in facet.options}
    # Each product once per sector, however many of its organisations; declines never.
    assert counts["nhs"] == 1 and counts["police"] == 1


@pytest.mark.parametrize(("at_least", "expected"), [("1", {"One", "Three"}), ("3", {"Three"})])
def test_taken_up_by_at_least_n(client, at_least, expected):
    PublishedProductFactory(title="None")
    one = PublishedProductFactory(title="One")
    TakeUpFactory(product=one)
    TakeUpFactory(product=one, status=TakeUpStatus.DECLINED)
    three = PublishedProductFactory(title="Three")
    TakeUpFactory.create_batch(3, product=three)

    assert set(titles(client.get(LIST, {"taken_up_by": at_least}))) == expected


def test_a_bad_filter_value_is_reported_not_fatal_and_refused_for_export(client):
    PublishedProductFactory()

    response = client.get(LIST, {"taken_up_by": "2", "type": "nonsense"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "not a known number of organisations" in body
    assert "not a known type of product" in body
    assert client.get(LIST, {"taken_up_by": "2", "format": "csv"}).status_code == 400


def test_sorts_by_most_taken_up(client):
    PublishedProductFactory(title="A less")
    more = PublishedProductFactory(title="B more")
    TakeUpFactory.create_batch(2, product=more)

    assert titles(client.get(LIST, {"sort": "taken_up"})) == ["B more", "A less"]


def test_search_finds_title_and_summary(client):
    PublishedProductFactory(title="Gazetteer data exchange", summary="Addresses shared.")
    PublishedProductFactory(title="Training pack", summary="For contact centre staff.")

    assert titles(client.get(LIST, {"q": "gazetteer"})) == ["Gazetteer data exchange"]
    assert titles(client.get(LIST, {"q": "contact centre"})) == ["Training pack"]


def test_csv_and_json_exports_have_exactly_the_filtered_rows(client):
    taken = PublishedProductFactory(title="Taken", kind=ProductKind.SOFTWARE)
    adopter = OrganisationFactory(name="Adopting Borough")
    TakeUpFactory(product=taken, organisation=adopter)
    PublishedProductFactory(title="Spec", kind=ProductKind.SPECIFICATION)
    ProductFactory(title="Draft", kind=ProductKind.SOFTWARE)

    csv_rows = list(
        csv.DictReader(io.StringIO(rows(client.get(LIST, {"type": "software", "format": "csv"}))))
    )
    data = json.loads(rows(client.get(LIST, {"type": "software", "format": "json"})))

    assert [row["title"] for row in csv_rows] == ["Taken"]
    assert data[0]["title"] == "Taken"
    assert data[0]["type"] == "Software"
    assert data[0]["taken_up_count"] == 1
    assert data[0]["taken_up_by"] == ["Adopting Borough"]
    assert data[0]["lead_organisation"] == taken.project.lead_organisation.name


def test_feed_lists_new_published_products(client):
    PublishedProductFactory(title="New and public")
    ProductFactory(title="Still a draft")

    body = client.get(reverse("products:feed")).content.decode()

    assert "New and public" in body and "Still a draft" not in body


def test_the_site_search_finds_products(client):
    PublishedProductFactory(title="Interoperable smartcard specification")
    ProductFactory(title="Draft smartcard specification")

    body = client.get("/search/", {"q": "smartcard"}).content.decode()

    assert "Interoperable smartcard specification" in body
    assert "Draft smartcard specification" not in body


def test_detail_shows_the_product_its_project_and_who_took_it_up(client):
    paper = PaperFactory(title="The protocol itself")
    product = PublishedProductFactory(
        title="Data-sharing protocol", kind=ProductKind.DATA_SHARING_PROTOCOL, paper=paper
    )
    adopter = TakeUpFactory(product=product, note="Used for children's services.")
    decliner = TakeUpFactory(product=product, status=TakeUpStatus.DECLINED)

    response = client.get(product.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="{product.project.get_absolute_url()}"' in body
    assert f'href="{paper.get_absolute_url()}"' in body
    assert adopter.organisation.name in body and "Used for children" in body
    assert decliner.organisation.name in body
    assert response.context["taking_up"] == [adopter]
    assert response.context["declined"] == [decliner]
    assert '"@type": "CreativeWork"' in body


def test_software_is_described_as_a_software_application(client):
    product = PublishedProductFactory(kind=ProductKind.SOFTWARE)

    assert (
        '"@type": "SoftwareApplication"' in client.get(product.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: ProductFactory(),
        lambda: PublishedProductFactory(project=ProjectFactory()),
    ],
)
def test_drafts_are_not_found(client, make):
    assert client.get(make().get_absolute_url()).status_code == 404


def test_the_project_page_lists_its_published_products_and_who_took_them_up(client):
    project = PublishedProjectFactory()
    shown = PublishedProductFactory(project=project, title="Reusable thing")
    ProductFactory(project=project, title="Draft thing")
    adopter = TakeUpFactory(product=shown)
    decliner = TakeUpFactory(product=shown, status=TakeUpStatus.DECLINED)

    body = client.get(project.get_absolute_url()).content.decode()

    assert "Reusable thing" in body and "Draft thing" not in body
    assert adopter.organisation.name in body
    assert decliner.organisation.name not in body


def test_organisation_pages_count_take_up_both_ways(client):
    maker = OrganisationFactory()
    taker = OrganisationFactory()
    product = PublishedProductFactory(project=PublishedProjectFactory(lead_organisation=maker))
    TakeUpFactory(product=product, organisation=taker)
    draft = ProductFactory(project=PublishedProjectFactory(lead_organisation=maker))
    TakeUpFactory(product=draft, organisation=taker)  # a draft's take-up never counts

    maker_page = client.get(maker.get_absolute_url()).content.decode()
    taker_page = client.get(taker.get_absolute_url()).content.decode()

    assert "1 product of projects it leads has been taken up" in maker_page
    assert "is taking up 1 product of other" in taker_page


def make_listed(count):
    for _ in range(count):
        product = PublishedProductFactory(
            kind=ProductKind.SOFTWARE,
            project=PublishedProjectFactory(themes=["smart cards", "e-learning"]),
        )
        TakeUpFactory.create_batch(2, product=product)


def count_queries(client, url, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params", [{}, {"type": "software", "theme": "smart-cards", "taken_up_by": "1", "q": "spec"}]
)
def test_list_query_count_does_not_grow_with_rows(
    client, params, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_listed(3)
    few = count_queries(client, LIST, params)
    with django_capture_on_commit_callbacks(execute=True):
        make_listed(30)
    many = count_queries(client, LIST, params)

    assert few == many
    assert many <= 16


def test_detail_and_project_page_query_counts_do_not_grow_with_take_up(client):
    product = PublishedProductFactory()
    TakeUpFactory(product=product)
    few_detail = count_queries(client, product.get_absolute_url())
    few_project = count_queries(client, product.project.get_absolute_url())
    TakeUpFactory.create_batch(25, product=product)
    PublishedProductFactory.create_batch(5, project=product.project)

    assert count_queries(client, product.get_absolute_url()) == few_detail
    assert count_queries(client, product.project.get_absolute_url()) == few_project
    assert few_detail <= 12
