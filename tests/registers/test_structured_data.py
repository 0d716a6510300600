"""schema.org JSON-LD on detail pages: it parses, names its type and has the fields that type
needs, and carries only what the page shows the public."""

import datetime
import json
import re

import pytest

from tests.factories import (
    ConsentingContactFactory,
    FundingSourceFactory,
    OrganisationFactory,
    PaperFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
    TopicFactory,
)
from tests.pages import body

pytestmark = pytest.mark.django_db


def json_ld(client, path) -> dict:
    page = body(client.get(path))
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(found) == 1, path
    data = json.loads(found[0])
    assert data["@context"] == "https://schema.org"
    assert data["url"] == "https://londonconnects.test" + path
    return data


def test_a_project_is_a_schema_org_project(client):
    lead = OrganisationFactory(name="Lead </script> Borough")
    project = PublishedProjectFactory(
        lead_organisation=lead,
        partners=[OrganisationFactory(name="Partner Trust")],
        start_date=datetime.date(2025, 1, 1),
        themes=["smart cards"],
    )

    data = json_ld(client, project.get_absolute_url())

    assert data["@type"] == "Project"
    assert data["name"] == project.title
    assert data["parentOrganization"]["name"] == "Lead </script> Borough"  # escaped, intact
    assert [member["name"] for member in data["member"]] == ["Partner Trust"]
    assert data["foundingDate"] == "2025-01-01"
    assert data["keywords"] == "smart cards"


def test_a_person_carries_only_what_they_agreed_to_publish(client):
    contact = PublishedContactFactory(
        email="private@example.org", telephone="020 7946 0000", biography="Secret"
    )

    data = json_ld(client, contact.get_absolute_url())

    assert data["@type"] == "Person"
    assert data["name"] == contact.title
    assert data["worksFor"]["@type"] == "Organization"
    assert "email" not in data and "telephone" not in data and "description" not in data


def test_a_consenting_person_shows_telephone_and_biography_but_never_the_address(client):
    contact = ConsentingContactFactory()

    data = json_ld(client, contact.get_absolute_url())

    assert data["telephone"] == contact.telephone
    assert data["description"] == contact.biography
    assert "email" not in data and contact.email not in json.dumps(data)


def test_an_organisation_a_fund_a_paper_and_a_topic(client):
    organisation = OrganisationFactory(website="https://www.example.gov.uk/")
    fund = FundingSourceFactory(amount_min=1000, amount_max=50000)
    paper = PaperFactory()
    topic = TopicFactory(body="Which **standard** should we use?")

    org = json_ld(client, organisation.get_absolute_url())
    grant = json_ld(client, fund.get_absolute_url())
    document = json_ld(client, paper.get_absolute_url())
    posting = json_ld(client, topic.get_absolute_url())

    assert (org["@type"], org["sameAs"]) == ("Organization", "https://www.example.gov.uk/")
    assert grant["@type"] == "MonetaryGrant"
    assert grant["funder"]["name"] == "HM Treasury"
    assert grant["amount"] == {
        "@type": "MonetaryAmount",
        "currency": "GBP",
        "minValue": 1000.0,
        "maxValue": 50000.0,
    }
    assert document["@type"] == "DigitalDocument"
    assert document["datePublished"] == "2003-05-01"
    assert document["encodingFormat"] == "application/pdf"
    assert posting["@type"] == "DiscussionForumPosting"
    assert posting["headline"] == topic.subject
    assert posting["text"] == "Which standard should we use?"
    assert posting["author"]["@type"] == "Person"
    assert posting["datePublished"].startswith(str(topic.created_at.year))
