"""The products register is part of the site as every register is: navigation, open data,
the API, the sitemap."""

import json

import pytest

from .factories import ProductFactory, PublishedProductFactory, TakeUpFactory

pytestmark = pytest.mark.django_db


def test_the_navigation_links_the_products_register(client):
    assert 'href="/products/"' in client.get("/").content.decode()


def test_open_data_lists_the_products_export_and_its_fields(client):
    page = client.get("/open-data/").content.decode()

    assert 'href="/products/feed/"' in page
    assert "taken_up_by" in page and "licence" in page


def test_the_api_serves_published_products_with_their_filters(client):
    shown = PublishedProductFactory(title="Shown", kind="software")
    TakeUpFactory(product=shown)
    ProductFactory(title="Draft")

    response = client.get("/api/products/", {"type": "software", "taken_up_by": "1"})

    assert response.status_code == 200
    titles = [row["title"] for row in json.loads(response.content)["results"]]
    assert titles == ["Shown"]
    assert client.get("/api/products/", {"taken_up_by": "2"}).status_code == 400


def test_the_sitemap_lists_published_products_only(client):
    shown = PublishedProductFactory()
    draft = ProductFactory()

    body = client.get("/sitemap-products.xml").content.decode()

    assert shown.get_absolute_url() in body
    assert draft.get_absolute_url() not in body
