"""An officer records their organisation's take-up of a product on its page."""

import pytest

# The live server sees only committed data; serialized rollback keeps the reference data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_officer_records_evaluating_and_sees_their_organisation_listed(visit):
    from tests.factories import OrganisationFactory, PartnerOfficerFactory
    from tests.products.factories import PublishedProductFactory, TakeUpFactory

    product = PublishedProductFactory(title="Shared address gazetteer specification")
    TakeUpFactory(product=product, organisation=OrganisationFactory(name="Test Enfield"))
    officer = PartnerOfficerFactory(organisation=OrganisationFactory(name="Test Newham"))
    tab = visit(user=officer)

    page = tab.go(product.get_absolute_url())
    tab.assert_accessible("product page with the take-up form")
    page.get_by_label("Evaluating").check()
    page.get_by_label("Note (optional)").fill("Trying it with our GIS team.")
    page.get_by_role("button", name="Save take-up").click()
    page.wait_for_url("**#take-up-message")

    banner = page.locator(".govuk-notification-banner--success")
    banner.wait_for()
    assert "Recorded: Test Newham is evaluating this product." in banner.inner_text()
    page.wait_for_function(
        "() => document.activeElement.classList.contains('govuk-notification-banner')",
        timeout=5000,
    )
    listed = page.locator(".lc-take-ups").inner_text()
    assert "Test Newham" in listed and "Evaluating" in listed and "Test Enfield" in listed
    assert "Trying it with our GIS team." in listed
    # The form now says what is recorded, to change it.
    assert page.get_by_text("Now recorded: evaluating").is_visible()
    tab.assert_accessible("product page after recording take-up")
