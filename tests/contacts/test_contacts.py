"""The contacts register: consent decides what the public sees, on every output."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import (
    ArchivedContactFactory,
    ConsentingContactFactory,
    ContactFactory,
    EditorFactory,
    GroupFactory,
    MemberFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    PublishedContactFactory,
)
from tests.pages import body, query_count

pytestmark = pytest.mark.django_db
LIST = "/contacts/"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def private():
    """Published, but agreed to publish none of their details."""
    return PublishedContactFactory(
        title="Priya Private",
        email="priya.private@hackney.example.org",
        telephone="020 7000 1111",
        biography="Runs the smart card pilot.",
    )


@pytest.fixture
def open_contact():
    return ConsentingContactFactory(
        title="Olu Open",
        email="olu.open@newham.example.org",
        telephone="020 7000 2222",
        biography="Leads customer services online.",
    )


@pytest.fixture
def partner(client):
    user = MemberFactory()
    client.force_login(user)
    return user


# -- the page ---------------------------------------------------------------------------


def test_the_public_sees_only_consented_details(client, private, open_contact):
    private_page = body(client.get(private.get_absolute_url()))
    open_page = body(client.get(open_contact.get_absolute_url()))

    assert "020 7000 1111" not in private_page
    assert "smart card pilot" not in private_page
    assert "priya.private" not in private_page
    assert "020 7000 2222" in open_page
    assert "Leads customer services online." in open_page


def test_signed_in_partners_see_the_full_entry(client, partner, private):
    page = body(client.get(private.get_absolute_url()))

    assert "020 7000 1111" in page
    assert "Runs the smart card pilot." in page


def test_published_email_is_not_in_the_source_but_one_click_away(client, open_contact):
    page = body(client.get(open_contact.get_absolute_url()))

    assert not EMAIL.search(page), "a scraper could harvest an address from the page"
    assert "olu.open" in page and "newham.example.org" in page  # readable without JavaScript
    response = client.get(reverse("contacts:email", args=[open_contact.slug]))
    assert response.status_code == 302
    assert response["Location"] == "mailto:olu.open@newham.example.org"


def test_the_email_link_of_an_unconsented_address_is_not_found(client, private):
    assert client.get(reverse("contacts:email", args=[private.slug])).status_code == 404


# -- exports, vCard, feed, search ------------------------------------------------------


def rows(response, fmt):
    text = body(response)
    return list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exports_hold_only_what_the_public_may_see(client, private, open_contact, fmt):
    exported = {row["name"]: row for row in rows(client.get(LIST, {"format": fmt}), fmt)}

    assert exported["Priya Private"]["email"] == ""
    assert exported["Priya Private"]["telephone"] == ""
    assert exported["Priya Private"]["biography"] == ""
    assert exported["Olu Open"]["email"] == "olu.open@newham.example.org"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_partners_export_the_full_entries(client, partner, private, fmt):
    exported = {row["name"]: row for row in rows(client.get(LIST, {"format": fmt}), fmt)}

    assert exported["Priya Private"]["email"] == "priya.private@hackney.example.org"


def test_vcard_is_version_4_with_only_visible_fields(client, private, open_contact):
    private_card = body(client.get(reverse("contacts:vcard", args=[private.slug])))
    open_response = client.get(reverse("contacts:vcard", args=[open_contact.slug]))
    open_card = body(open_response)

    assert open_response["Content-Type"].startswith("text/vcard")
    assert open_card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert open_card.endswith("END:VCARD\r\n")
    assert "FN:Olu Open\r\n" in open_card
    assert "EMAIL;TYPE=work:olu.open@newham.example.org" in open_card
    assert "TEL;VALUE=text;TYPE=work:020 7000 2222" in open_card
    assert "EMAIL" not in private_card and "TEL" not in private_card and "NOTE" not in private_card
    assert all(len(line.encode()) <= 75 for line in open_card.split("\r\n"))


def test_partners_get_the_full_vcard(client, partner, private):
    card = body(client.get(reverse("contacts:vcard", args=[private.slug])))

    assert "EMAIL;TYPE=work:priya.private@hackney.example.org" in card
    assert "NOTE:Runs the smart card pilot." in card


def test_vcard_escapes_special_characters(client):
    contact = ConsentingContactFactory(
        title="Sam Comma", job_title="Head of IT, Policy; Strategy", biography="Line one\nLine two"
    )

    card = body(client.get(reverse("contacts:vcard", args=[contact.slug])))

    assert "TITLE:Head of IT\\, Policy\\; Strategy\r\n" in card
    assert "NOTE:Line one\\nLine two\r\n" in card


def test_the_feed_never_carries_personal_details(client, open_contact):
    feed = body(client.get("/contacts/feed/"))

    assert "Olu Open" in feed
    assert "olu.open" not in feed and "020 7000 2222" not in feed


def test_search_finds_by_name_role_and_organisation_but_not_by_private_details(
    client, private, open_contact
):
    def names(q):
        return [c.name for c in client.get(LIST, {"q": q}).context["contacts"]]

    assert names("Priya") == ["Priya Private"]
    assert "Priya Private" not in names("smart")  # words of an unpublished biography
    assert names("priya.private@hackney.example.org") == []


def test_list_filters_by_organisation_sector_and_group(client):
    borough = OrganisationFactory(name="Test Borough", slug="test-borough")
    group = GroupFactory(slug="west-test-alliance")
    PublishedContactFactory(title="In group", organisation=borough, in_groups=[group])
    PublishedContactFactory(title="Elsewhere")

    by_group = client.get(LIST, {"group": "west-test-alliance"}).context["contacts"]
    by_org = client.get(LIST, {"organisation": "test-borough"}).context["contacts"]
    by_sector = client.get(LIST, {"sector": "local-authority"}).context["contacts"]

    assert [c.name for c in by_group] == ["In group"]
    assert [c.name for c in by_org] == ["In group"]
    assert len(by_sector) == 2


def test_bad_filters_are_reported_not_fatal(client):
    PublishedContactFactory()

    response = client.get(LIST, {"group": "no-such-group", "page": "1"})

    assert response.status_code == 200
    assert "is not a known group" in body(response)


# -- archiving and visibility ------------------------------------------------------------


def test_archived_and_draft_contacts_vanish_from_public_views(client):
    archived = ArchivedContactFactory(title="Gone Away")
    draft = ContactFactory(title="Not Yet")

    assert client.get(archived.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Gone Away" not in body(client.get(LIST))
    assert "Gone Away" not in body(client.get(archived.organisation.get_absolute_url()))
    assert client.get(reverse("contacts:vcard", args=[archived.slug])).status_code == 404


def test_organisation_and_group_pages_list_their_people(client):
    organisation = OrganisationFactory()
    group = GroupFactory(members=[organisation])
    PublishedContactFactory(title="Listed Person", organisation=organisation, in_groups=[group])

    assert "Listed Person" in body(client.get(organisation.get_absolute_url()))
    assert "Listed Person" in body(client.get(group.get_absolute_url()))


# -- the admin ---------------------------------------------------------------------------


def admin_url(action, *args):
    return reverse(f"admin:contacts_contact_{action}", args=args)


def test_officers_manage_only_their_organisations_contacts(client, staff_login):
    organisation = OrganisationFactory()
    staff_login(PartnerOfficerFactory(organisation=organisation))
    ours = ContactFactory(organisation=organisation)
    theirs = ContactFactory()

    assert list(client.get(admin_url("changelist")).context["cl"].queryset) == [ours]
    for action in ("change", "delete", "history"):
        assert client.get(admin_url(action, theirs.pk)).status_code == 403


def test_archiving_keeps_the_entry_in_the_admin_and_its_history(client, staff_login):
    staff_login(EditorFactory())
    contact = PublishedContactFactory()
    contact.publication_status = "archived"
    contact.save()

    assert contact in client.get(admin_url("changelist")).context["cl"].queryset
    assert contact.history.count() >= 2
    assert Contact.objects.filter(pk=contact.pk).exists()


# -- query counts ---------------------------------------------------------------------------


def test_list_and_detail_queries_do_not_grow(client, django_capture_on_commit_callbacks):
    group = GroupFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = ConsentingContactFactory(themes=["e-democracy"], in_groups=[group])
    few_list, few_detail = query_count(client, LIST), query_count(client, first.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(40):
            ConsentingContactFactory(themes=["e-democracy", "smart cards"], in_groups=[group])
        first.tags.add("mobile working", "e-learning")

    assert query_count(client, LIST) == few_list <= 20
    assert query_count(client, first.get_absolute_url()) == few_detail <= 10
