"""The e-index: sections, their links, search, theme filter, exports, feed and the admin."""

import csv
import io
import json
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from eindex.models import Link, Section
from tests.factories import (
    EditorFactory,
    LinkFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    SubCategoryFactory,
)
from tests.pages import body, query_count

pytestmark = pytest.mark.django_db
INDEX = "/eindex/"
ATOM = "{http://www.w3.org/2005/Atom}"


def section(slug):
    return Section.objects.get(slug=slug)


@pytest.fixture
def research():
    return section("surveys-and-research")


def test_the_four_sections_of_the_strategy_are_listed_in_order(client):
    listed = client.get(INDEX).context["sections"]

    assert [s.slug for s in listed] == [
        "legislation-and-standards",
        "knowledge-and-best-practice",
        "surveys-and-research",
        "national-services",
    ]


def test_index_shows_sections_with_counts_of_published_links_and_the_newest(client, research):
    LinkFactory(section=research, title="Older survey")
    LinkFactory(section=research, title="Newest survey")
    LinkFactory(section=research, title="Draft survey", publication_status="draft")

    response = client.get(INDEX)

    assert response.status_code == 200
    counts = {s.slug: s.link_count for s in response.context["sections"]}
    assert counts["surveys-and-research"] == 2
    assert counts["national-services"] == 0
    newest = [link.title for link in response.context["newest_links"]]
    assert newest == ["Newest survey", "Older survey"]
    assert "Draft survey" not in body(response)


def test_section_page_lists_only_its_published_links(client, research):
    LinkFactory(section=research, title="Household survey")
    LinkFactory(section=section("national-services"), title="Register to vote")
    LinkFactory(section=research, title="Archived study", publication_status="archived")

    response = client.get(research.get_absolute_url())

    assert [link.title for link in response.context["links"]] == ["Household survey"]
    page = body(response)
    assert research.name in page
    assert 'href="https://' in page  # titles link straight to the site


def test_unknown_section_is_a_404(client):
    assert client.get("/eindex/no-such-section/").status_code == 404


def test_search_and_theme_filter_within_a_section(client, research):
    LinkFactory(section=research, title="Internet access survey", themes=["social inclusion"])
    LinkFactory(section=research, title="Payments research", themes=["e-payments"])
    LinkFactory(section=section("national-services"), title="Internet access service")
    url = research.get_absolute_url()

    searched = client.get(url, {"q": "internet"}).context["links"]
    themed = client.get(url, {"theme": "e-payments"}).context["links"]

    assert [link.title for link in searched] == ["Internet access survey"]
    assert [link.title for link in themed] == ["Payments research"]


def test_sub_category_facet_counts_only_this_sections_links(client, research):
    sub = SubCategoryFactory(section=research, name="Statistics", slug="statistics")
    LinkFactory(section=research, sub_category=sub)
    LinkFactory(section=research)

    facets = {f.name: f for f in client.get(research.get_absolute_url()).context["facets"]}

    assert [(o.label, o.count) for o in facets["sub_category"].options] == [("Statistics", 1)]


def test_facet_counts_are_cached_per_section(client, research):
    """The section is in the path, not the query: two sections must not share counts."""
    LinkFactory(section=research, themes=["e-democracy"])
    national = section("national-services")

    first = client.get(research.get_absolute_url()).context["paginator"].count
    second = client.get(national.get_absolute_url()).context["paginator"].count

    assert (first, second) == (1, 0)


def test_a_stray_section_parameter_cannot_mix_up_two_sections(client, research):
    national = section("national-services")
    LinkFactory(section=research)
    LinkFactory(section=research)
    LinkFactory(section=national)

    first = client.get(research.get_absolute_url(), {"section": national.slug})
    second = client.get(national.get_absolute_url(), {"section": research.slug})

    assert first.context["paginator"].count == 2
    assert second.context["paginator"].count == 1
    assert f'href="/eindex/feed/?section={national.slug}"' in body(second)


def test_bad_filter_is_reported_and_bad_export_is_a_400(client, research):
    LinkFactory(section=research)
    url = research.get_absolute_url()

    page = client.get(url, {"theme": "no-such-theme"})
    export = client.get(url, {"theme": "no-such-theme", "format": "csv"})
    unknown_format = client.get(url, {"format": "xls"})

    assert page.status_code == 200
    assert "is not a known theme" in body(page)
    assert export.status_code == 400
    assert unknown_format.status_code == 400


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_is_exactly_the_filtered_section(client, research, fmt):
    LinkFactory(section=research, title="Kept", url="https://kept.example.org/", themes=["x"])
    LinkFactory(section=research, title="Other theme")
    LinkFactory(section=section("national-services"), title="Other section", themes=["x"])

    response = client.get(research.get_absolute_url(), {"theme": "x", "format": fmt})

    assert response.status_code == 200
    text = body(response)
    rows = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)
    assert [(row["title"], row["url"], row["section"]) for row in rows] == [
        ("Kept", "https://kept.example.org/", research.name)
    ]


def test_feed_follows_the_whole_index_or_one_section(client, research):
    LinkFactory(section=research, title="A survey")
    LinkFactory(section=section("national-services"), title="A service")

    def titles(params):
        response = client.get(reverse("eindex:feed"), params)
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
        return sorted(e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry"))

    assert titles({}) == ["A service", "A survey"]
    assert titles({"section": research.slug}) == ["A survey"]


def test_section_page_feed_link_names_the_section(client, research):
    response = client.get(research.get_absolute_url(), {"theme": "e-payments"})

    assert f"/eindex/feed/?section={research.slug}&amp;theme=e-payments" in body(response)


def test_broken_links_are_marked_possibly_out_of_date_on_public_pages(client, research, settings):
    settings.LINK_BROKEN_AFTER_DAYS = 7
    now = timezone.now()
    LinkFactory(section=research, title="Long gone", failing_since=now - timedelta(days=8))
    LinkFactory(section=research, title="Down today", failing_since=now - timedelta(hours=3))

    page = body(client.get(research.get_absolute_url()))

    assert page.count("Possibly out of date") == 1
    marked = page.index("Possibly out of date")
    assert page.rfind("Long gone", 0, marked) > page.rfind("Down today", 0, marked)


def test_a_new_address_forgets_the_old_addresss_health():
    link = LinkFactory(url="https://old.example.org/")
    Link.objects.filter(pk=link.pk).update(
        last_status=404, failing_since=timezone.now(), last_checked_at=timezone.now()
    )
    link = Link.objects.get(pk=link.pk)

    link.title = "Renamed, same address"
    link.save()
    assert Link.objects.get(pk=link.pk).last_status == 404

    link.url = "https://new.example.org/"
    link.save()
    fresh = Link.objects.get(pk=link.pk)
    assert (fresh.last_status, fresh.failing_since, fresh.last_checked_at) == (None, None, None)


def test_sub_category_must_belong_to_the_links_section(research):
    other = SubCategoryFactory(section=section("national-services"))
    link = LinkFactory.build(section=research, sub_category=other, slug="x")

    with pytest.raises(Exception, match="sub-category of"):
        link.full_clean()


def test_a_section_cannot_take_the_feeds_address():
    with pytest.raises(Exception, match="used by another page"):
        Section(name="Feed", slug="feed").full_clean()


# -- the admin ---------------------------------------------------------------------------


def admin_url(action, *args):
    return reverse(f"admin:eindex_link_{action}", args=args)


def test_editors_manage_every_link_with_history(client, staff_login):
    staff_login(EditorFactory())
    research = section("surveys-and-research")
    response = client.post(
        admin_url("add"),
        {
            "title": "Census 2021",
            "slug": "",
            "url": "www.ons.gov.uk/census",
            "description": "Results of the census.",
            "publication_status": "published",
            "section": research.pk,
            "sub_category": "",
            "maintainer": "ONS",
            "tags": "geographic information",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    link = Link.objects.get(title="Census 2021")
    assert link.url == "https://www.ons.gov.uk/census"
    assert [t.name for t in link.tags.all()] == ["geographic information"]
    assert link.history.count() == 1
    assert client.get(admin_url("history", link.pk)).status_code == 200


def test_partner_officers_cannot_edit_the_eindex(client, staff_login):
    staff_login(PartnerOfficerFactory(organisation=OrganisationFactory()))
    link = LinkFactory()

    assert client.get(admin_url("changelist")).status_code == 403
    assert client.get(admin_url("change", link.pk)).status_code == 403


def test_admin_broken_filter(client, staff_login, settings):
    settings.LINK_BROKEN_AFTER_DAYS = 7
    staff_login(EditorFactory())
    now = timezone.now()
    broken = LinkFactory(failing_since=now - timedelta(days=30))
    failing = LinkFactory(failing_since=now - timedelta(days=1))
    fine = LinkFactory()

    def listed(value):
        return set(client.get(admin_url("changelist"), {"broken": value}).context["cl"].queryset)

    assert listed("yes") == {broken}
    assert listed("failing") == {failing}
    assert listed("no") == {fine}


# -- query counts ---------------------------------------------------------------------------


def test_index_and_section_queries_do_not_grow(
    client, research, django_capture_on_commit_callbacks
):
    sub = SubCategoryFactory(section=research)
    with django_capture_on_commit_callbacks(execute=True):
        LinkFactory(section=research, sub_category=sub, themes=["e-democracy"])
    few_index, few_section = (
        query_count(client, INDEX),
        query_count(client, research.get_absolute_url()),
    )
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(30):
            LinkFactory(
                section=research,
                sub_category=sub if number % 2 else None,
                themes=["e-democracy", f"theme {number}"],
            )

    assert query_count(client, INDEX) == few_index <= 6
    assert query_count(client, research.get_absolute_url()) == few_section <= 15


def test_seed_bulk_links_fills_every_section_and_replaces_its_own_rows(capsys, client):
    from eindex.bulk import PREFIX

    demo = LinkFactory(title="Demo link")

    call_command("seed_bulk", links=60)
    call_command("seed_bulk", links=40)

    bulk = Link.objects.filter(slug__startswith=PREFIX)
    assert bulk.published().count() == 40
    assert bulk.values("section").distinct().count() == 4
    assert all(link.tags.exists() for link in bulk[:5])
    assert Link.objects.filter(pk=demo.pk).exists()
    assert "40 links" in capsys.readouterr().out
    some = bulk.order_by("pk").first()
    assert Link.objects.published().search(some.title).filter(pk=some.pk).exists()
