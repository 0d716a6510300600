"""Officers manage the products of the projects their organisation leads, and no other, by
every admin URL; every change is kept."""

import pytest
from django.urls import reverse

from products.models import Product
from tests.factories import (
    EditorFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    ProjectFactory,
)

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newham():
    return OrganisationFactory(name="Test Newham", slug="test-newham")


@pytest.fixture
def officer(staff_login, newham):
    return staff_login(PartnerOfficerFactory(organisation=newham))


@pytest.fixture
def our_project(newham):
    return ProjectFactory(lead_organisation=newham)


def admin_url(action, *args):
    return reverse(f"admin:products_product_{action}", args=args)


def form_data(project, **overrides):
    data = {
        "title": "Contact centre specification",
        "slug": "",
        "project": project.pk,
        "kind": "specification",
        "summary": "What a shared contact centre needs.",
        "url": "https://spec.example.org/",
        "paper": "",
        "licence": "Open Government Licence v3.0",
        "publication_status": "published",
    }
    data.update(overrides)
    return data


def change_data(product, **overrides):
    product.refresh_from_db()
    return form_data(
        product.project,
        slug=product.slug,
        edit_version=product.updated_at.isoformat(),
        **overrides,
    )


def test_changelist_shows_only_products_of_the_officers_projects(client, officer, our_project):
    ours = ProductFactory(project=our_project)
    ProductFactory()

    response = client.get(admin_url("changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [ours]


@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_direct_urls_to_another_organisations_product_are_forbidden(client, officer, action):
    theirs = ProductFactory()

    assert client.get(admin_url(action, theirs.pk)).status_code == 403


def test_an_officer_of_another_organisation_cannot_edit_a_product(client, officer):
    theirs = ProductFactory(title="Theirs")

    response = client.post(admin_url("change", theirs.pk), change_data(theirs, title="Hijacked"))

    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"


def test_restoring_another_organisations_version_is_forbidden(client, officer):
    theirs = ProductFactory()

    assert client.post(admin_url("restore", theirs.history.first().history_id)).status_code == 403


def test_an_officer_adds_a_product_only_to_their_own_projects(client, officer, our_project):
    theirs = ProjectFactory()

    refused = client.post(admin_url("add"), form_data(theirs))
    assert refused.status_code == 200
    assert "project" in refused.context["adminform"].form.errors
    assert not Product.objects.exists()

    response = client.post(admin_url("add"), form_data(our_project))

    assert response.status_code == 302, response.context["adminform"].form.errors
    product = Product.objects.get()
    assert product.project == our_project
    assert product.slug == "contact-centre-specification"
    assert product.history.first().history_user == officer


def test_a_product_needs_a_link_or_a_paper(client, officer, our_project, newham):
    response = client.post(admin_url("add"), form_data(our_project, url=""))

    assert response.status_code == 200
    assert "Give a link to the product, a paper from the papers library, or both." in (
        response.content.decode()
    )
    assert not Product.objects.exists()

    paper = PaperFactory(organisation=newham)
    response = client.post(admin_url("add"), form_data(our_project, url="", paper=paper.pk))
    assert response.status_code == 302
    assert Product.objects.get().paper == paper


def test_the_database_refuses_a_product_with_neither_link_nor_paper(our_project):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(project=our_project, url="", paper=None)


def test_officer_edits_their_own_product_and_the_version_is_kept(client, officer, our_project):
    ours = ProductFactory(project=our_project, title="Before")

    response = client.post(admin_url("change", ours.pk), change_data(ours, title="After"))

    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.title == "After"
    assert [v.title for v in ours.history.all()[:2]] == ["After", "Before"]


def test_editors_manage_every_organisations_products(client, staff_login):
    staff_login(EditorFactory())
    product = ProductFactory()

    assert client.get(admin_url("change", product.pk)).status_code == 200
