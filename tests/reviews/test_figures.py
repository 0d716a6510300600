"""The review's figures, against fixtures counted by hand, and against the register lists
each figure links to."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from eindex.models import Section as EindexSection
from forums.models import Post, Topic, Visibility
from funding.models import Origin
from papers.models import PaperKind
from partners.models import Organisation, Sector, SubRegion
from projects.models import Programme, ProjectStatus
from registers.models import PublicationStatus
from reviews.figures import comparison, compile_figures
from tests.factories import (
    ForumFactory,
    FundingSourceFactory,
    GroupFactory,
    LinkFactory,
    MemberFactory,
    PaperFactory,
    ProjectFactory,
    PublishedProjectFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def sector(slug):
    return Sector.objects.get(slug=slug)


def region(slug):
    return SubRegion.objects.get(slug=slug)


def borough(slug):
    return Organisation.objects.get(slug=slug)


def cell(figures, table_key, row_key, column=0):
    table = next(t for t in figures["tables"] if t["key"] == table_key)
    row = next(r for r in table["rows"] if r["key"] == row_key)
    return row["cells"][column]


def value(figures, table_key, row_key, column=0):
    return cell(figures, table_key, row_key, column)["value"]


def headline(figures, key):
    return next(item["value"] for item in figures["headlines"] if item["key"] == key)


@pytest.fixture
def projects_2025():
    """Counted by hand for 2025: started 2 (new-year-eve, pathfinder), active 3 (those two and
    ended-new-year), completed 1 (ended-new-year)."""
    nhs_trust = Organisation.objects.create(
        name="Test NHS Trust", slug="test-nhs-trust", sector=sector("nhs")
    )
    made = {
        # Started on the last day of the year: started and active in 2025, not in 2026.
        "new-year-eve": PublishedProjectFactory(
            programme=Programme.LOCAL,
            lead_organisation=borough("camden"),
            start_date=D(2025, 12, 31),
            end_date=D(2026, 6, 30),
            regions=[region("central")],
            in_sectors=[sector("local-authority")],
        ),
        # Ended on the first day of the year: active and completed in 2025.
        "ended-new-year": PublishedProjectFactory(
            programme=Programme.INVEST_TO_SAVE,
            status=ProjectStatus.COMPLETED,
            lead_organisation=borough("newham"),
            partners=[borough("hackney")],
            start_date=D(2023, 5, 1),
            end_date=D(2025, 1, 1),
            regions=[region("east")],
            in_sectors=[sector("local-authority")],
        ),
        # Two sub-regions and two sectors, and a partner from another sector.
        "pathfinder": PublishedProjectFactory(
            programme=Programme.PATHFINDER,
            lead_organisation=borough("ealing"),
            partners=[nhs_trust],
            start_date=D(2025, 2, 1),
            regions=[region("east"), region("west")],
            in_sectors=[sector("local-authority"), sector("nhs")],
        ),
        # None of these count in 2025.
        "ended-2024": PublishedProjectFactory(
            status=ProjectStatus.COMPLETED,
            start_date=D(2024, 1, 1),
            end_date=D(2024, 12, 31),
            regions=[region("central")],
        ),
        "starts-2026": PublishedProjectFactory(start_date=D(2026, 1, 1)),
        "draft": ProjectFactory(start_date=D(2025, 3, 1)),
        "proposed": PublishedProjectFactory(
            status=ProjectStatus.PROPOSED, start_date=D(2025, 3, 1)
        ),
    }
    return made


def test_projects_are_counted_by_their_dates_including_the_year_edges(projects_2025):
    figures = compile_figures(2025)

    assert [headline(figures, key) for key in ("projects_started", "projects_active")] == [2, 3]
    assert headline(figures, "projects_completed") == 1
    by_programme = [
        (row, [value(figures, "projects-by-programme", row, column) for column in range(3)])
        for row in ("local", "isb", "pathfinder", "central", "ec")
    ]
    assert by_programme == [
        ("local", [1, 1, 0]),
        ("isb", [0, 1, 1]),
        ("pathfinder", [1, 1, 0]),
        ("central", [0, 0, 0]),
        ("ec", [0, 0, 0]),
    ]
    # A project in two sub-regions counts in each; the total counts it once.
    active = [
        value(figures, "projects-by-sub-region", key, 1) for key in ("central", "east", "west")
    ]
    assert active == [1, 2, 1]
    assert value(figures, "projects-by-sub-region", "all", 1) == 3
    assert value(figures, "projects-by-sector", "local-authority", 1) == 3
    assert value(figures, "projects-by-sector", "nhs", 1) == 1


def test_the_neighbouring_years_see_the_edge_projects_on_their_side(projects_2025):
    figures_2026 = compile_figures(2026)
    figures_2024 = compile_figures(2024)

    # new-year-eve runs into 2026; starts-2026 starts then; pathfinder has no end.
    assert headline(figures_2026, "projects_active") == 3
    assert headline(figures_2026, "projects_started") == 1
    # 2024: ended-new-year and ended-2024 were running; ended-2024 completed.
    assert headline(figures_2024, "projects_active") == 2
    assert headline(figures_2024, "projects_completed") == 1


def test_organisations_and_cross_sector_partnerships(projects_2025):
    figures = compile_figures(2025)

    # Camden, Newham, Hackney, Ealing and the NHS trust.
    assert headline(figures, "organisations_involved") == 5
    assert value(figures, "organisations-by-sector", "local-authority") == 4
    assert value(figures, "organisations-by-sector", "nhs") == 1
    # Only the pathfinder joins a borough with an NHS trust.
    assert value(figures, "partnerships", "cross-sector") == 1
    assert value(figures, "partnerships", "single-sector") == 2


def test_funding_opened_and_closing_uk_against_ec():
    FundingSourceFactory(
        origin=Origin.UK_GOVERNMENT, opens_on=D(2025, 1, 1), closes_on=D(2025, 12, 31)
    )
    FundingSourceFactory(origin=Origin.EU, opens_on=D(2024, 6, 1), closes_on=D(2025, 3, 1))
    FundingSourceFactory(origin=Origin.EU, opens_on=D(2025, 9, 1), closes_on=None)  # rolling
    FundingSourceFactory(origin=Origin.EU, opens_on=D(2025, 9, 1), publication_status="draft")

    figures = compile_figures(2025)

    assert [value(figures, "funding-by-origin", "uk-government", column) for column in (0, 1)] == [
        1,
        1,
    ]
    assert [value(figures, "funding-by-origin", "eu", column) for column in (0, 1)] == [1, 1]
    assert [headline(figures, "funds_opened"), headline(figures, "funds_closing")] == [2, 2]


def test_papers_by_kind_and_group():
    group = GroupFactory(name="West London Alliance", slug="wla")
    PaperFactory(kind=PaperKind.RESEARCH, date=D(2025, 1, 1), group=group)
    PaperFactory(kind=PaperKind.RESEARCH, date=D(2025, 12, 31))
    PaperFactory(kind=PaperKind.MINUTES, date=D(2025, 6, 1), group=group)
    PaperFactory(kind=PaperKind.MINUTES, date=D(2024, 12, 31), group=group)
    PaperFactory(kind=PaperKind.GUIDANCE, date=D(2025, 6, 1), publication_status="draft")

    figures = compile_figures(2025)

    assert value(figures, "papers-by-kind", "research") == 2
    assert value(figures, "papers-by-kind", "minutes") == 1
    assert value(figures, "papers-by-kind", "guidance") == 0
    assert headline(figures, "papers_published") == 3
    groups = next(t for t in figures["tables"] if t["key"] == "papers-by-group")
    assert [(row["label"], row["cells"][0]["value"]) for row in groups["rows"]] == [
        ("West London Alliance", 2)
    ]


def test_forum_activity_counts_what_the_public_can_read():
    in_2025 = timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 30))  # London time
    in_2026 = timezone.make_aware(datetime.datetime(2026, 1, 1, 0, 30))
    public = ForumFactory(name="Smart cards", slug="smart-cards")
    partners_only = ForumFactory(slug="partners", visibility=Visibility.PARTNERS)
    author = MemberFactory()
    shown = TopicFactory(forum=public, author=author, created_at=in_2025)
    Post.objects.filter(topic=shown).update(created_at=in_2025)
    hidden = TopicFactory(forum=public, author=author, created_at=in_2025, is_hidden=True)
    Post.objects.filter(topic=hidden).update(created_at=in_2025)
    later = TopicFactory(forum=public, author=author, created_at=in_2026)
    Post.objects.filter(topic=later).update(created_at=in_2026)
    secret = TopicFactory(forum=partners_only, author=author, created_at=in_2025)
    Post.objects.filter(topic=secret).update(created_at=in_2025)
    reply = Post.objects.create(topic=shown, author=author, body="Yes", body_html="<p>Yes</p>")
    Post.objects.filter(pk=reply.pk).update(created_at=in_2025, is_hidden=True)

    figures = compile_figures(2025)

    assert value(figures, "forums", "smart-cards", 0) == 1
    assert value(figures, "forums", "smart-cards", 1) == 1
    assert "partners" not in [
        row["key"] for row in next(t for t in figures["tables"] if t["key"] == "forums")["rows"]
    ]
    assert Topic.objects.count() == 4


def test_eindex_size_and_health():
    section = EindexSection.objects.order_by("order").first()
    LinkFactory(section=section)
    LinkFactory(section=section, failing_since=timezone.now() - datetime.timedelta(days=30))
    LinkFactory(section=section, failing_since=timezone.now() - datetime.timedelta(days=1))
    LinkFactory(section=section, publication_status=PublicationStatus.DRAFT)

    figures = compile_figures(2025)

    assert value(figures, "eindex", section.slug, 0) == 3
    assert value(figures, "eindex", section.slug, 1) == 1  # failing for more than a week


def test_every_linked_figure_matches_the_register_list_it_links_to(client, projects_2025):
    """A reader can check every number: the list behind each link holds that many rows."""
    FundingSourceFactory(origin=Origin.EU, opens_on=D(2025, 1, 1), closes_on=D(2025, 5, 1))
    PaperFactory(kind=PaperKind.RESEARCH, date=D(2025, 1, 1), group=GroupFactory())
    forum = ForumFactory(slug="smart-cards")
    TopicFactory(forum=forum, created_at=timezone.make_aware(datetime.datetime(2025, 6, 1)))
    TopicFactory(forum=forum)  # started now, in another year
    figures = compile_figures(2025)
    checked = 0
    for table in figures["tables"]:
        for row in table["rows"]:
            for item in row["cells"]:
                link = item["link"]
                if "?" not in link:
                    continue  # a forum or e-index section page: not a filtered list
                if link.startswith("/organisations/"):
                    response = client.get(link)
                    shown = len(response.context["organisations"])
                elif link.startswith("/forums/"):
                    shown = client.get(link).context["page"].paginator.count
                else:
                    response = client.get(link + "&format=json")
                    assert response.status_code == 200, link
                    shown = len(json.loads(b"".join(response.streaming_content)))
                assert shown == item["value"], (table["key"], row["key"], link)
                checked += 1
    assert checked > 60


def test_comparison_with_the_previous_review_says_what_grew_and_what_shrank():
    previous = {
        "year": 2024,
        "headlines": [
            {"key": "projects_started", "value": 5},
            {"key": "papers_published", "value": 1},
            {"key": "funds_opened", "value": 2},
        ],
    }
    figures = {
        "previous": previous,
        "headlines": [
            {"key": "projects_started", "label": "Projects started", "value": 3},
            {"key": "papers_published", "label": "Papers published", "value": 4},
            {"key": "funds_opened", "label": "Funding sources opened", "value": 2},
        ],
    }

    rows = {row["key"]: (row["trend"], row["change"]) for row in comparison(figures)}

    assert rows == {
        "projects_started": ("shrank", -2),
        "papers_published": ("grew", 3),
        "funds_opened": ("unchanged", 0),
    }
    assert comparison({**figures, "previous": None}) == []


def test_compile_review_prints_the_figures_and_refuses_a_malformed_year(projects_2025, capsys):
    call_command("compile_review", "2025")
    out = capsys.readouterr().out
    assert "Projects by programme" in out
    assert "Projects started" in out

    call_command("compile_review", "2025", "--format", "json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["year"] == 2025
    assert headline(printed, "projects_active") == 3

    for bad in ("20x5", "25", "3000", "-2025", "²⁰²⁵"):
        with pytest.raises(CommandError, match="is not a year"):
            call_command("compile_review", bad)


def test_a_year_with_no_papers_links_to_an_empty_list_not_to_every_paper(client):
    PaperFactory(date=D(2024, 5, 1))

    figures = compile_figures(2025)
    zero = cell(figures, "papers-by-kind", "all")
    response = client.get(zero["link"])

    assert zero["value"] == 0
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert not response.context["filter_errors"]
    chips = {(label, value) for label, value, _url in response.context["active_filters"]}
    assert ("Year", "2025") in chips  # shown, so it can be removed
