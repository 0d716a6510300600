"""The site search (/search/): every register at once, with each register's visibility
rules, websearch syntax, ranks, snippets and "did you mean"."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums import services as forum_services
from forums.models import Visibility as ForumVisibility
from papers import samples
from partners.models import Organisation
from registers.search import Term, parse_websearch
from reviews import services as review_services
from search.sources import SOURCES
from tests.events.factories import (
    EventFactory,
    PartnersOnlyEventFactory,
    PublishedEventFactory,
    london,
)
from tests.factories import (
    ContactFactory,
    ForumFactory,
    FundingSourceFactory,
    GroupFactory,
    LinkFactory,
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    ProjectFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
    PublishedReviewFactory,
    ReviewFactory,
    SteeringMemberFactory,
    TopicFactory,
)
from tests.pages import body
from tests.products.factories import PublishedProductFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("search:search")


def search(client, q, **params):
    response = client.get(SEARCH, {"q": q, **params})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    """Every result's title on the page, in order."""
    if "results" in response.context:
        return [result.title for result in response.context["results"]]
    return [result.title for group in response.context["groups"] for result in group.results]


def found(client, q, **params) -> list[str]:
    return titles(search(client, q, **params))


# -- every register, each with its own visibility ------------------------------------------


def test_every_register_is_searched(client):
    PublishedProjectFactory(title="Quokka project")
    PublishedProductFactory(title="Quokka product")
    PublishedEventFactory(title="Quokka workshop")
    OrganisationFactory(name="Quokka Housing Trust")
    GroupFactory(name="Quokka partnership")
    PublishedContactFactory(title="Quokka Person")
    FundingSourceFactory(title="Quokka fund")
    PaperFactory(title="Quokka paper")
    topic = TopicFactory(subject="Quokka topic", body="An opening post.")
    forum_services.reply(topic=topic, author=topic.author, body="A quokka reply.")
    LinkFactory(title="Quokka link")
    PublishedReviewFactory(title="Quokka review")

    response = search(client, "quokka")

    assert response.context["site_search"].counts == {source.key: 1 for source in SOURCES} | {
        "posts": 1
    }
    assert set(found(client, "quokka")) >= {
        "Quokka project",
        "Quokka workshop",
        "Quokka Housing Trust",
        "Quokka partnership",
        "Quokka Person",
        "Quokka fund",
        "Quokka paper",
        "Quokka topic",
        "Quokka link",
        "Quokka review",
    }
    assert any(title.startswith("Post by ") for title in found(client, "quokka"))


def test_the_public_never_finds_what_registers_do_not_show_them(client):
    ProjectFactory(title="Wombat draft project")  # a draft
    ContactFactory(title="Wombat draft person")
    # A published person whose e-mail, telephone and biography are not published.
    PublishedContactFactory(
        title="Jo Smith", email="wombat@example.org", biography="Wombat keeper."
    )
    PaperFactory(
        title="Private minutes",
        visibility="partners",
        file=ContentFile(samples.pdf("t", ["wombat leisure tender"]), name="b.pdf"),
    )
    secret = ForumFactory(visibility=ForumVisibility.PARTNERS)
    TopicFactory(forum=secret, subject="Wombat partners topic", body="Wombat partners post.")
    public = ForumFactory()
    hidden_topic = TopicFactory(forum=public, subject="Wombat hidden topic")
    hidden_topic.is_hidden = True
    hidden_topic.save()
    topic = TopicFactory(forum=public, subject="Open topic", body="Nothing here.")
    hidden = forum_services.reply(topic=topic, author=topic.author, body="Wombat hidden post.")
    hidden.is_hidden = True
    hidden.save()
    deleted = forum_services.reply(topic=topic, author=topic.author, body="Wombat deleted post.")
    forum_services.delete_post(post=deleted, user=topic.author)
    ReviewFactory(year=2026, title="Wombat draft review")
    PublishedReviewFactory(year=2025, title="Annual review")
    EventFactory(title="Wombat draft workshop")
    PartnersOnlyEventFactory(title="Wombat partners' briefing", summary="Wombat tactics.")
    published = MemberFactory()

    response = search(client, "wombat")

    assert response.context["site_search"].total == 0
    assert "Wombat" not in body(response).replace("“wombat”", "")
    assert search(client, "wombat", register="events").context["site_search"].total == 0
    # A partner reads the partners-only forum and event, and only those.
    client.force_login(published)
    assert sorted(found(client, "wombat")) == sorted(
        [
            "Wombat partners topic",
            f"Post by {published_name(secret)} in “Wombat partners topic”",
            "Wombat partners' briefing",
        ]
    )


def test_an_event_says_what_kind_when_in_london_and_who_runs_it(client):
    # Half past midnight on 1 June in London is still 31 May in UTC.
    event = PublishedEventFactory(
        title="Dingo seminar",
        kind="seminar",
        starts_at=london(2026, 6, 1, 0, 30),
        organiser=OrganisationFactory(name="Camden Council"),
    )
    briefing = PartnersOnlyEventFactory(title="Dingo briefing", organiser=event.organiser)

    html = body(search(client, "dingo", register="events"))

    assert "Event · Seminar · 1 June 2026 · Camden Council" in html
    assert f'href="{event.get_absolute_url()}"' in html
    assert briefing.get_absolute_url() not in html
    client.force_login(MemberFactory())
    html = body(search(client, "dingo", register="events"))
    assert f'href="{briefing.get_absolute_url()}"' in html
    assert "Camden Council · Partners only" in html


def published_name(forum):
    author = forum.topics.get().author
    return author.get_full_name() or author.get_username()


def test_a_review_is_found_by_its_latest_edition_only(client):
    review = PublishedReviewFactory(title="Numbat review")
    review.title = "Bilby review"
    review.save()
    assert found(client, "bilby") == []  # the draft's new title is not published
    review_services.publish(
        review, by=SteeringMemberFactory(), expected_latest=1, correction_note="New title."
    )
    assert found(client, "bilby") == ["Bilby review"]
    assert found(client, "numbat") == []


# -- websearch syntax, on PostgreSQL and (more simply) on SQLite ---------------------------


@pytest.fixture
def projects():
    PublishedProjectFactory(title="Smart card pilot", summary="Cards for residents.")
    PublishedProjectFactory(title="Contact centre in Newham", summary="One number.")
    PublishedProjectFactory(title="Contact centre in Camden", summary="Cards accepted.")
    PublishedProjectFactory(title="Kiosk network", summary="Street kiosks.")


def test_quoted_phrases_exclusions_and_or(client, projects):
    def projects_found(q):
        return sorted(found(client, q, register="projects"))

    assert projects_found('"contact centre"') == [
        "Contact centre in Camden",
        "Contact centre in Newham",
    ]
    assert projects_found('"contact centre" -newham') == ["Contact centre in Camden"]
    assert projects_found("kiosk OR newham") == ["Contact centre in Newham", "Kiosk network"]
    assert projects_found('"centre contact"') == []


def test_parse_websearch_reads_phrases_exclusions_and_alternatives():
    assert parse_websearch('smart "contact  centre" -newham OR kiosk') == [
        [Term("smart"), Term("contact centre"), Term("newham", excluded=True)],
        [Term("kiosk")],
    ]
    assert parse_websearch('-"smart card" OR') == [[Term("smart card", excluded=True)]]
    assert parse_websearch("OR OR") == []


# -- ranks, snippets, suggestions ------------------------------------------------------------


def test_a_title_match_ranks_above_a_summary_match_above_a_description_match(client):
    PublishedProjectFactory(title="Joint working", summary="Joint working", description="Okapi")
    PublishedProjectFactory(title="Okapi partnership", summary="Joint working")
    PublishedProjectFactory(title="Joint working 2", summary="About the okapi")

    assert found(client, "okapi", register="projects") == [
        "Okapi partnership",
        "Joint working 2",
        "Joint working",
    ]


def test_registers_with_the_best_match_come_first(client):
    PaperFactory(title="A paper", summary="Mentions the dugong once.")
    FundingSourceFactory(title="Dugong fund", summary="The dugong fund.")

    groups = search(client, "dugong").context["groups"]

    assert [group.source.key for group in groups] == ["funding", "papers"]


def test_snippets_mark_the_words_and_escape_the_text(client):
    PublishedProjectFactory(
        title="Records",
        summary="<script>alert(1)</script> Partners & suppliers share the axolotl register.",
    )

    html = body(search(client, "axolotl"))
    snippet = html.split('class="govuk-body govuk-!-margin-bottom-1 lc-snippet">')[1].split("</p>")[
        0
    ]

    assert "<mark>axolotl</mark>" in snippet
    assert "Partners &amp; suppliers" in snippet
    assert "<script" not in snippet


def test_a_misspelt_search_gets_a_suggestion_that_finds_something(client, projects):
    response = search(client, "smrt card")

    assert response.context["site_search"].total == 0
    assert response.context["suggestion"] == "smart card"
    assert "Did you mean" in body(response)
    assert search(client, "smart card").context.get("suggestion") is None


def test_a_suggestion_never_comes_from_what_the_visitor_cannot_see(client):
    ProjectFactory(title="Pangolin census")  # a draft

    assert search(client, "pangolen").context.get("suggestion") is None


# -- one register, pages, counts, bad input ------------------------------------------------


def test_one_register_pages_through_its_results(client):
    for number in range(23):
        PublishedProjectFactory(title=f"Tapir project {number}")
    FundingSourceFactory(title="Tapir fund")

    first = search(client, "tapir", register="projects")
    second = search(client, "tapir", register="projects", page=2)

    assert len(first.context["results"]) == 20 and len(second.context["results"]) == 3
    assert not set(titles(first)) & set(titles(second))
    assert first.context["site_search"].counts["funding"] == 1
    assert "register=projects" in first.context["page_query"]
    grouped = search(client, "tapir").context["groups"]
    assert {(group.source.key, group.count, len(group.results)) for group in grouped} == {
        ("projects", 23, 3),
        ("funding", 1, 1),
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 201}, "Search for 200 characters or fewer."),
        ({"q": "x", "register": "nope"}, "“nope” is not a register the site search knows."),
    ],
)
def test_bad_input_is_a_clear_400(client, params, message):
    response = client.get(SEARCH, params)

    assert response.status_code == 400
    assert message in body(response)


def test_a_page_past_the_end_shows_the_last_page(client):
    PublishedProjectFactory(title="Tapir project")
    response = search(client, "tapir", register="projects", page="999")
    assert titles(response) == ["Tapir project"]
    assert search(client, "tapir", register="projects", page="x").status_code == 200


def test_an_empty_search_shows_only_the_form(client):
    response = search(client, "   ")
    assert "groups" not in response.context
    assert 'id="site-search"' in body(response)


def test_the_search_costs_the_same_queries_however_many_results(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            search(client, "capybara")
        return len(captured)

    PublishedProjectFactory(title="Capybara one")
    PaperFactory(title="Capybara paper")
    few = queries()
    for number in range(8):
        PublishedProjectFactory(title=f"Capybara {number}")
        PaperFactory(title=f"Capybara paper {number}")
        PublishedContactFactory(title=f"Capybara Person {number}")
    many = queries()

    assert many <= few + 2  # one more group (people): its top rows
    assert many <= 2 * len(SOURCES) + 4


def test_the_home_page_search_box_uses_the_site_search(client):
    html = body(client.get(reverse("home")))
    assert f'action="{SEARCH}"' in html


def test_a_hidden_post_edited_after_hiding_stays_out(client):
    topic = TopicFactory(subject="Open topic", body="Hello.")
    post = forum_services.reply(topic=topic, author=topic.author, body="Gerenuk facts.")
    post.is_hidden = True
    post.edited_at = timezone.now()
    post.save()
    assert found(client, "gerenuk") == []


def test_a_page_number_no_database_could_hold_shows_the_last_page(client):
    PublishedProjectFactory(title="Tapir project")
    response = search(client, "tapir", register="projects", page="1" + "0" * 25)
    assert titles(response) == ["Tapir project"]


# -- the same on SQLite and PostgreSQL: stems and "did you mean" ---------------------------


@pytest.fixture
def newcomer_data():
    newham = Organisation.objects.get(slug="newham")  # from the reference data
    PublishedProjectFactory(
        title="Newham Smart Card Pathfinder",
        summary="One smart card for libraries and leisure.",
        lead_organisation=newham,
    )
    PublishedProjectFactory(title="Smart cards for tenants", summary="Rent and repairs.")
    FundingSourceFactory(title="e-Procurement fund", summary="Shared procurement.")
    PublishedProjectFactory(title="Kiosk network", summary="Street kiosks.")


def test_singular_and_plural_find_the_same_everywhere(client, newcomer_data):
    singular, plural = search(client, "smart card"), search(client, "smart cards")

    assert plural.context["site_search"].counts == singular.context["site_search"].counts
    assert sorted(titles(plural)) == sorted(titles(singular))
    assert singular.context["site_search"].counts["projects"] == 2

    def listed(q):
        response = client.get(reverse("projects:list"), {"q": q})
        return sorted(project.title for project in response.context["projects"])

    assert (
        listed("smart cards")
        == listed("smart card")
        == sorted(["Newham Smart Card Pathfinder", "Smart cards for tenants"])
    )


@pytest.mark.parametrize(
    ("misspelt", "suggested"),
    [
        ("smart crads", "smart cards"),
        ("Newhm", "newham"),
        ("smartcard", "smart card"),
        ("newhm smrt crads", "newham smart cards"),
    ],
)
def test_a_misspelling_gets_a_suggestion_that_finds_results(
    client, newcomer_data, misspelt, suggested
):
    response = search(client, misspelt)

    assert response.context["site_search"].total == 0
    assert response.context["suggestion"] == suggested
    html = body(response)
    assert "Did you mean" in html and response.context["suggestion_href"] in html.replace(
        "&amp;", "&"
    )
    followed = client.get(SEARCH + response.context["suggestion_href"])
    assert followed.status_code == 200
    assert followed.context["site_search"].total > 0
    assert followed.context.get("suggestion") is None


def test_a_misspelling_with_the_stem_of_the_word_finds_it_at_once(client, newcomer_data):
    response = search(client, "procurment")

    assert found(client, "procurment") == ["e-Procurement fund"]
    assert response.context.get("suggestion") is None


def test_two_words_are_joined_when_the_titles_have_them_as_one(client):
    PublishedProjectFactory(title="Smartcard readers in libraries")

    response = search(client, "smart card")

    assert response.context["site_search"].total == 0
    assert response.context["suggestion"] == "smartcard"
    assert found(client, "smartcard") == ["Smartcard readers in libraries"]


def test_a_suggestion_keeps_the_rest_of_the_search(client, newcomer_data):
    response = search(client, '"smart crads" -tenants', register="projects")

    assert response.context["suggestion"] == '"smart cards" -tenants'
    assert "register=projects" in response.context["suggestion_href"]
    followed = client.get(SEARCH + response.context["suggestion_href"])
    assert titles(followed) == ["Newham Smart Card Pathfinder"]


@pytest.mark.parametrize(
    "text",
    [
        '"smart card',
        'smart "',
        "NEAR(smart card, 2)",
        "smart ^card",
        "smart* card*",
        "title:smart",
        "{title summary}:smart",
        "- - -",
        "OR",
        '"',
        "smart OR OR -",
        "smart'); DROP TABLE projects_project; --",
    ],
)
def test_a_search_typed_with_operators_is_answered_not_refused(client, newcomer_data, text):
    response = search(client, text)

    html = body(response)
    assert f"{response.context['site_search'].total} result" in html
    if not response.context["site_search"].total:
        assert "Nothing on LondonConnects matches" in html
    assert search(client, text, register="projects").status_code == 200
    assert client.get(reverse("projects:list"), {"q": text}).status_code == 200


def test_snippets_mark_every_form_of_the_words_found(client):
    PublishedProjectFactory(title="Tenancy", summary="Residents procured one card each.")

    html = body(search(client, "cards procuring"))

    assert "<mark>card</mark>" in html
    assert "<mark>procured</mark>" in html
