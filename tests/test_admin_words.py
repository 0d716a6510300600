"""The admin speaks plainly: "Web address", not "Slug"; "Position", not "Order"; whether a
link works in words; and a new review section goes after the last one."""

import html
import re

import pytest

from reviews.models import Section
from tests.factories import (
    EditorFactory,
    ProjectLinkFactory,
    PublishedProjectFactory,
    ReviewFactory,
    SteeringMemberFactory,
)
from tests.pages import body

pytestmark = pytest.mark.django_db


def label_of(page: str, field_id: str) -> str:
    match = re.search(rf'<label[^>]*for="{field_id}"[^>]*>(.*?)</label>', page, flags=re.S)
    assert match, field_id
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())


@pytest.mark.parametrize(
    "address",
    [
        "/admin/projects/project/add/",
        "/admin/contacts/contact/add/",
        "/admin/funding/fundingsource/add/",
        "/admin/papers/paper/add/",
        "/admin/partners/organisation/add/",
        "/admin/partners/group/add/",
        "/admin/forums/forum/add/",
        "/admin/eindex/section/add/",
    ],
)
def test_the_last_part_of_an_address_is_called_a_web_address(client, staff_login, address):
    staff_login(EditorFactory(is_superuser=True))

    page = body(client.get(address))

    assert label_of(page, "id_slug").startswith("Web address")
    assert "Slug" not in page
    assert "last part of" in page  # the help says what it is


def test_an_eindex_links_two_addresses_are_told_apart(client, staff_login):
    staff_login(EditorFactory(is_superuser=True))

    page = body(client.get("/admin/eindex/link/add/"))

    assert label_of(page, "id_slug").startswith("Its place on the section's page")
    assert label_of(page, "id_url").startswith("Web address")


def test_order_is_called_position(client, staff_login):
    staff_login(EditorFactory(is_superuser=True))

    for address in ("/admin/forums/forum/add/", "/admin/partners/sector/add/"):
        page = body(client.get(address))
        assert label_of(page, "id_order").startswith("Position"), address


def test_a_links_health_is_said_in_plain_words(client, staff_login):
    project = PublishedProjectFactory()
    ProjectLinkFactory(project=project)
    staff_login(EditorFactory(is_superuser=True))

    page = body(client.get(f"/admin/projects/project/{project.pk}/change/"))

    assert "Does the link work?" in page
    assert "Not checked yet: every link is checked once a day." in page
    assert "Health summary" not in page


def test_a_new_review_section_goes_after_the_last(client, staff_login):
    review = ReviewFactory()  # its section is at position 1
    Section.objects.create(review=review, order=4, heading="Funding", body="Text.")
    staff_login(SteeringMemberFactory())
    url = f"/admin/reviews/review/{review.pk}/change/"

    page = body(client.get(url))

    blank = re.search(r'<input[^>]*name="sections-2-order"[^>]*>', page).group(0)
    assert 'value="5"' in blank
    assert label_of(page, "id_sections-0-order") == "Position:"
    template = re.search(r'<input[^>]*name="sections-__prefix__-order"[^>]*>', page).group(0)
    assert 'value="5"' in template  # "Add another section" too
