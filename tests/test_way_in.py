"""Each role sees its way in, in the header and footer: the public and members no admin link,
officers the admin, everyone signed in their alerts; and the shared page cache keeps none of
it (tests/registers/test_shared_pages.py)."""

import pytest

from tests.factories import MemberFactory, PartnerOfficerFactory, UserFactory
from tests.pages import body

pytestmark = pytest.mark.django_db

ADMIN_LINK = "Admin for partner officers"


def footer(client) -> str:
    page = body(client.get("/"))
    return page[page.index('<footer class="govuk-footer">') :]


def account_links(client) -> str:
    page = body(client.get("/"))
    return page[page.index('aria-label="Your account"') : page.index("</nav>")]


@pytest.mark.parametrize("who", ["public", "member", "account of no partner"])
def test_the_admin_link_is_not_offered_to_those_who_cannot_use_it(client, who):
    if who == "member":
        client.force_login(MemberFactory())
    elif who == "account of no partner":
        client.force_login(UserFactory())

    assert ADMIN_LINK not in footer(client)


def test_a_partner_officer_sees_the_admin_link(client):
    client.force_login(PartnerOfficerFactory())

    assert ADMIN_LINK in footer(client)
    assert 'href="/admin/"' in footer(client)


def test_a_signed_in_visitor_sees_their_alerts_in_the_header(client):
    assert "Your alerts" not in account_links(client)

    client.force_login(MemberFactory())

    links = account_links(client)
    assert "Your alerts" in links and 'href="/alerts/"' in links


def test_the_shared_page_keeps_no_ones_links(client, settings):
    settings.SHARED_PAGE_CACHE_SECONDS = 3600
    officer = PartnerOfficerFactory()
    client.force_login(officer)
    assert ADMIN_LINK in footer(client)  # the page is now kept, for partners

    client.force_login(MemberFactory())  # a partner too: the same shared page

    response = client.get("/")
    assert response["X-Shared-Page-Cache"] == "hit"
    assert ADMIN_LINK not in body(response)
    assert "Your alerts" in body(response)
