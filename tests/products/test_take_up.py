"""Take-up is recorded on a product's page by signed-in partner officers, for their own
organisation only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from products.models import TakeUp, TakeUpStatus
from tests.factories import MemberFactory, OrganisationFactory, UserFactory

from .factories import ProductFactory, PublishedProductFactory, TakeUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = MemberFactory()
    client.force_login(user)
    return user


@pytest.fixture
def product():
    return PublishedProductFactory()


def take_up_url(product):
    return reverse("products:take_up", kwargs={"slug": product.slug})


def form(member, **changes):
    data = {
        "organisation": str(member.membership.organisation.pk),
        "status": "evaluating",
        "date": "2025-06-01",
        "note": "Trying it in our contact centre.",
    }
    data.update(changes)
    return data


def test_an_officer_records_and_then_changes_their_organisations_take_up(client, member, product):
    organisation = member.membership.organisation

    response = client.post(take_up_url(product), form(member), follow=True)

    assert response.redirect_chain[-1][0].endswith(product.get_absolute_url() + "#take-up-message")
    page = response.content.decode()
    assert f"Recorded: {organisation} is evaluating this product." in page
    section = page[page.index('id="take-up"') :]
    assert organisation.name in section
    take = TakeUp.objects.get()
    assert (take.organisation, take.status, take.date, take.recorded_by) == (
        organisation,
        TakeUpStatus.EVALUATING,
        datetime.date(2025, 6, 1),
        member,
    )

    client.post(take_up_url(product), form(member, status="adopted", note=""))

    take = TakeUp.objects.get()
    assert (take.status, take.note) == (TakeUpStatus.ADOPTED, "")


def test_a_double_submit_makes_one_row(client, member, product):
    client.post(take_up_url(product), form(member))
    response = client.post(take_up_url(product), form(member), follow=True)

    assert TakeUp.objects.count() == 1
    assert "Already recorded" in response.content.decode()


def test_posting_another_organisations_id_is_forbidden(client, member, product):
    other = OrganisationFactory()

    response = client.post(take_up_url(product), form(member, organisation=str(other.pk)))

    assert response.status_code == 403
    assert not TakeUp.objects.exists()


def test_naming_another_organisation_in_the_address_is_forbidden(client, member, product):
    other = OrganisationFactory()
    url = f"{take_up_url(product)}?organisation={other.pk}"

    response = client.post(url, form(member))

    assert response.status_code == 403
    assert not TakeUp.objects.exists()


def test_another_organisations_take_up_cannot_be_changed(client, member, product):
    theirs = TakeUpFactory(product=product, status=TakeUpStatus.ADOPTED)

    response = client.post(
        take_up_url(product), form(member, organisation=str(theirs.organisation.pk))
    )

    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == TakeUpStatus.ADOPTED


def test_the_lead_cannot_take_up_its_own_product(client, member):
    organisation = member.membership.organisation
    product = PublishedProductFactory(project__lead_organisation=organisation)

    response = client.post(take_up_url(product), form(member), follow=True)

    assert not TakeUp.objects.exists()
    page = response.content.decode()
    assert f"{organisation} leads the project that made this product" in page
    # Nor is it offered the form.
    assert 'name="status"' not in page


def test_a_bad_form_is_explained_and_nothing_is_recorded(client, member, product):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = client.post(
        take_up_url(product), form(member, status="stolen", date=tomorrow), follow=True
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose evaluating, adopted or declined." in page
    assert "must be today or in the past" in page
    assert not TakeUp.objects.exists()


def test_take_up_is_never_changed_by_get(client, member, product):
    assert client.get(take_up_url(product), form(member)).status_code == 405
    assert not TakeUp.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, product):
    response = client.post(take_up_url(product), {"status": "adopted", "date": "2025-01-01"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_account_of_no_organisation_is_forbidden(client, product):
    client.force_login(UserFactory())

    response = client.post(take_up_url(product), {"status": "adopted", "date": "2025-01-01"})

    assert response.status_code == 403


def test_a_draft_product_cannot_be_taken_up(client, member):
    response = client.post(take_up_url(ProductFactory()), form(member))

    assert response.status_code == 404


def test_the_public_sees_take_up_and_a_sign_in_link_but_no_form(client, product):
    take = TakeUpFactory(product=product)

    page = client.get(product.get_absolute_url()).content.decode()

    assert take.organisation.name in page
    assert "to record your organisation" in page
    assert 'name="status"' not in page and "csrfmiddlewaretoken" not in page


def test_the_form_is_a_personal_hole_of_the_shared_page(client, member, product, settings):
    settings.SHARED_PAGE_CACHE_SECONDS = 60
    organisation = member.membership.organisation
    other = MemberFactory()

    first = client.get(product.get_absolute_url()).content.decode()
    client.force_login(other)
    second = client.get(product.get_absolute_url())

    # One shared page, each partner's own form and token in it.
    assert second["X-Shared-Page-Cache"] == "hit"
    assert f"Record {organisation.name}'s take-up" in first
    page = second.content.decode()
    assert f"Record {other.membership.organisation.name}'s take-up" in page
    assert organisation.name not in page
