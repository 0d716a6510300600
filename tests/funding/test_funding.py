"""Funding sources: statuses computed from the dates, the list, the calendar, the admin."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from funding.models import FundingSource, FundStatus
from partners.models import Sector
from tests.factories import (
    EditorFactory,
    FundingSourceFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    ProjectFactory,
    PublishedProjectFactory,
)
from tests.pages import body, query_count

pytestmark = pytest.mark.django_db
LIST = "/funding/"
TODAY = datetime.date(2026, 11, 27)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def today(monkeypatch, settings):
    """Pin the date the statuses are worked out from."""
    settings.FUNDING_CLOSING_SOON_DAYS = 30
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


# -- statuses at the date edges --------------------------------------------------------------

EDGES = [
    # (opens in, closes in, status): days from today; None = no date
    (1, 40, FundStatus.NOT_YET_OPEN),
    (0, 40, FundStatus.OPEN),
    (None, 31, FundStatus.OPEN),
    (None, 30, FundStatus.CLOSING_SOON),
    (None, 0, FundStatus.CLOSING_SOON),
    (None, -1, FundStatus.CLOSED),
    (None, None, FundStatus.OPEN),
    (-100, None, FundStatus.OPEN),
    (5, None, FundStatus.NOT_YET_OPEN),
]


@pytest.mark.parametrize(("opens_in", "closes_in", "expected"), EDGES)
def test_status_follows_the_dates_in_python_and_in_the_database(
    today, opens_in, closes_in, expected
):
    fund = FundingSourceFactory(
        opens_on=None if opens_in is None else days(opens_in),
        closes_on=None if closes_in is None else days(closes_in),
    )

    assert fund.status_on(today) == expected
    assert FundingSource.objects.with_status(today).get(pk=fund.pk).fund_status == expected


def test_days_left_counts_the_closing_day_itself(today, client):
    closing_today = FundingSourceFactory(closes_on=today)
    closing_later = FundingSourceFactory(closes_on=days(12))

    assert closing_today.days_left == 0
    assert closing_later.days_left == 12
    assert "Closes today" in body(client.get(closing_today.get_absolute_url()))
    assert "12 days left" in body(client.get(closing_later.get_absolute_url()))


def test_closing_date_before_opening_date_is_refused():
    fund = FundingSourceFactory.build(
        opens_on=days(10), closes_on=days(5), owner=OrganisationFactory(), slug="x"
    )

    with pytest.raises(Exception, match="on or after the opening date"):
        fund.full_clean()


# -- the list ------------------------------------------------------------------------------


def test_default_order_is_closing_date_with_rolling_then_closed_last(today, client):
    FundingSourceFactory(title="Closed", closes_on=days(-3))
    FundingSourceFactory(title="Rolling", closes_on=None)
    FundingSourceFactory(title="Later", closes_on=days(50))
    FundingSourceFactory(title="Sooner", closes_on=days(5))
    FundingSourceFactory(title="Draft", closes_on=days(1), publication_status="draft")

    titles = [fund.title for fund in client.get(LIST).context["funds"]]

    assert titles == ["Sooner", "Later", "Rolling", "Closed"]


def test_status_facet_counts_and_filters(today, client):
    FundingSourceFactory(title="Soon", closes_on=days(3))
    FundingSourceFactory(title="Open", closes_on=days(90))
    FundingSourceFactory(title="Shut", closes_on=days(-1))

    response = client.get(LIST, {"status": "closing-soon"})

    assert [f.title for f in response.context["funds"]] == ["Soon"]
    facet = next(f for f in response.context["facets"] if f.name == "status")
    counts = {option.value: option.count for option in facet.options}
    assert counts == {"not-yet-open": 0, "open": 1, "closing-soon": 1, "closed": 1}


def test_a_fund_that_names_no_sector_is_open_to_every_sector(today, client):
    nhs = Sector.objects.get(slug="nhs")
    police = Sector.objects.get(slug="police")
    FundingSourceFactory(title="NHS only", sectors=[nhs])
    FundingSourceFactory(title="Police only", sectors=[police])
    FundingSourceFactory(title="Anyone")

    response = client.get(LIST, {"sector": "nhs", "sort": "title"})

    assert [f.title for f in response.context["funds"]] == ["Anyone", "NHS only"]
    facet = next(f for f in response.context["facets"] if f.name == "sector")
    counts = {option.value: option.count for option in facet.options}
    assert counts["nhs"] == 2
    assert counts["police"] == 2
    assert counts["fire"] == 1


def test_amount_range_filter(today, client):
    FundingSourceFactory(title="Small", amount_min=1000, amount_max=20000)
    FundingSourceFactory(title="Large", amount_min=500000, amount_max=5000000)
    FundingSourceFactory(title="From", amount_min=30000)  # no upper limit stated
    FundingSourceFactory(title="Up to", amount_max=2000)  # no lower limit stated
    FundingSourceFactory(title="Unstated")

    def titles(params):
        return sorted(f.title for f in client.get(LIST, params).context["funds"])

    assert titles({"amount_from": "100000"}) == ["From", "Large"]
    assert titles({"amount_to": "1500"}) == ["Small", "Up to"]
    assert titles({"amount_from": "10000", "amount_to": "600000"}) == ["From", "Large", "Small"]


@pytest.mark.parametrize("bad", ["abc", "-5", "1e400", "99999999999999999"])
def test_a_malformed_amount_is_reported_and_an_export_refused(today, client, bad):
    FundingSourceFactory()

    page = client.get(LIST, {"amount_from": bad})
    export = client.get(LIST, {"amount_from": bad, "format": "csv"})

    assert page.status_code == 200
    assert "One of your filters was not understood" in body(page)
    assert body(page).count("Enter ") >= 1
    assert export.status_code == 400


def test_counts_are_not_served_from_yesterday(client, monkeypatch, settings):
    settings.FUNDING_CLOSING_SOON_DAYS = 30
    FundingSourceFactory(closes_on=TODAY)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    before = client.get(LIST, {"status": "closed"}).context["paginator"].count

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: days(1))
    after = client.get(LIST, {"status": "closed"}).context["paginator"].count

    assert (before, after) == (0, 1)


def test_csv_export_has_the_computed_status(today, client):
    FundingSourceFactory(title="Soon", closes_on=days(3), amount_max=1000, currency="EUR")

    rows = list(csv.DictReader(io.StringIO(body(client.get(LIST, {"format": "csv"})))))

    assert [(r["title"], r["status"], r["currency"], r["amount_max"]) for r in rows] == [
        ("Soon", "Closing soon", "EUR", "1000.00")
    ]


def test_feed_follows_the_status_filter(today, client):
    FundingSourceFactory(title="Soon", closes_on=days(3))
    FundingSourceFactory(title="Shut", closes_on=days(-3))

    feed = body(client.get("/funding/feed/", {"status": "closing-soon"}))

    assert "Soon" in feed and "Shut" not in feed


# -- the calendar ----------------------------------------------------------------------------


def test_calendar_has_one_event_per_deadline_of_funds_not_yet_closed(today, client):
    soon = FundingSourceFactory(title="Soon", closes_on=days(3))
    FundingSourceFactory(title="Shut", closes_on=days(-1))
    FundingSourceFactory(title="Rolling", closes_on=None)
    FundingSourceFactory(title="Draft", closes_on=days(4), publication_status="draft")
    FundingSourceFactory(title="Not yet open", opens_on=days(5), closes_on=days(40))

    response = client.get("/funding/deadlines.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Closing date: Soon",
        "Closing date: Not yet open",
    ]
    first = events[0]
    assert first.decoded("dtstart") == days(3)
    assert first.decoded("dtend") == days(4)
    assert str(first["url"]).endswith(soon.get_absolute_url())
    assert str(calendar["version"]) == "2.0"


def test_an_events_uid_survives_a_new_title(today, client):
    fund = FundingSourceFactory(title="Old name", closes_on=days(3))

    def uid():
        events = Calendar.from_ical(client.get("/funding/deadlines.ics").content).walk("VEVENT")
        return str(events[0]["uid"])

    before = uid()
    fund.title = "New name"
    fund.slug = ""
    fund.save()

    assert uid() == before


# -- detail, home, projects ------------------------------------------------------------------


def test_detail_lists_the_published_projects_it_funds(today, client):
    fund = FundingSourceFactory()
    funded = PublishedProjectFactory(title="Funded pilot")
    funded.funding_sources.add(fund)
    ProjectFactory(title="Draft pilot").funding_sources.add(fund)

    page = body(client.get(fund.get_absolute_url()))

    assert "Funded pilot" in page
    assert "Draft pilot" not in page


def test_linking_from_the_fund_side_keeps_the_projects_history():
    fund = FundingSourceFactory()
    project = PublishedProjectFactory()
    versions = project.history.count()

    fund.funded_projects.add(project)

    assert project.history.count() == versions + 1
    latest = project.history.order_by("-history_id").first()
    assert [row.fundingsource_id for row in latest.funding_sources.all()] == [fund.pk]


def test_unknown_and_draft_funds_are_404(client):
    draft = FundingSourceFactory(publication_status="draft")

    assert client.get("/funding/no-such-fund/").status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_home_page_lists_funds_closing_within_30_days(today, client):
    FundingSourceFactory(title="Closes in a week", closes_on=days(7))
    FundingSourceFactory(title="Closes in two months", closes_on=days(60))
    FundingSourceFactory(title="Already shut", closes_on=days(-1))
    FundingSourceFactory(title="Opens later", opens_on=days(3), closes_on=days(10))

    titles = [fund.title for fund in client.get("/").context["closing_funds"]]

    assert titles == ["Closes in a week"]


# -- the admin ---------------------------------------------------------------------------


def admin_url(action, *args):
    return reverse(f"admin:funding_fundingsource_{action}", args=args)


def test_officers_manage_only_the_funds_their_organisation_lists(client, staff_login):
    organisation = OrganisationFactory()
    staff_login(PartnerOfficerFactory(organisation=organisation))
    ours = FundingSourceFactory(owner=organisation)
    theirs = FundingSourceFactory()

    assert list(client.get(admin_url("changelist")).context["cl"].queryset) == [ours]
    for action in ("change", "delete", "history"):
        assert client.get(admin_url(action, theirs.pk)).status_code == 403


def test_an_officers_new_fund_is_listed_by_their_organisation(client, staff_login):
    organisation = OrganisationFactory()
    staff_login(PartnerOfficerFactory(organisation=organisation))

    response = client.post(
        admin_url("add"),
        {
            "title": "London fund",
            "slug": "",
            "summary": "Money.",
            "description": "",
            "publication_status": "published",
            "funder_name": "A trust",
            "origin": "lottery",
            "currency": "GBP",
            "closes_on": "2030-01-31",
            "tags": "",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    fund = FundingSource.objects.get(title="London fund")
    assert fund.owner == organisation
    assert fund.history.count() == 1


def test_an_editor_sees_every_fund(client, staff_login):
    staff_login(EditorFactory())
    funds = {FundingSourceFactory(), FundingSourceFactory()}

    assert set(client.get(admin_url("changelist")).context["cl"].queryset) == funds


# -- query counts ---------------------------------------------------------------------------


def test_list_detail_and_calendar_queries_do_not_grow(
    today, client, django_capture_on_commit_callbacks
):
    nhs = Sector.objects.get(slug="nhs")
    with django_capture_on_commit_callbacks(execute=True):
        first = FundingSourceFactory(themes=["e-democracy"], sectors=[nhs], closes_on=days(2))
        PublishedProjectFactory().funding_sources.add(first)
    counts = [
        query_count(client, path)
        for path in (LIST, first.get_absolute_url(), "/funding/deadlines.ics", "/")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(30):
            fund = FundingSourceFactory(
                themes=["e-democracy", f"theme {number}"], sectors=[nhs], closes_on=days(number)
            )
            PublishedProjectFactory().funding_sources.add(first, fund)

    again = [
        query_count(client, path)
        for path in (LIST, first.get_absolute_url(), "/funding/deadlines.ics", "/")
    ]
    assert again == counts
    assert counts[0] <= 20 and counts[1] <= 10 and counts[2] <= 2


def test_seed_bulk_funding_replaces_its_own_rows(capsys):
    from django.core.management import call_command

    from funding.bulk import PREFIX

    demo = FundingSourceFactory(title="Demo fund")

    call_command("seed_bulk", funding=50)
    call_command("seed_bulk", funding=30)

    bulk = FundingSource.objects.filter(slug__startswith=PREFIX)
    assert bulk.published().count() == 30
    assert FundingSource.objects.filter(pk=demo.pk).exists()
    assert len({fund.fund_status for fund in bulk.with_status()}) >= 3
    assert "30 funding" in capsys.readouterr().out


def test_an_empty_calendar_is_still_a_valid_one(client):
    calendar = Calendar.from_ical(client.get("/funding/deadlines.ics").content)

    assert calendar.walk("VEVENT") == []
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_officers_are_offered_published_funds_and_those_already_linked(client, staff_login):
    organisation = OrganisationFactory()
    staff_login(PartnerOfficerFactory(organisation=organisation))
    published = FundingSourceFactory(title="Published fund")
    FundingSourceFactory(title="Someone's draft", publication_status="draft")
    linked_draft = FundingSourceFactory(title="Linked draft", publication_status="draft")
    project = ProjectFactory(lead_organisation=organisation)
    project.funding_sources.add(linked_draft)

    add = client.get(reverse("admin:projects_project_add")).context["adminform"].form
    change = client.get(reverse("admin:projects_project_change", args=[project.pk]))

    assert list(add.fields["funding_sources"].queryset) == [published]
    offered = set(change.context["adminform"].form.fields["funding_sources"].queryset)
    assert offered == {published, linked_draft}


def test_restoring_a_project_skips_a_fund_deleted_since(client, staff_login):
    from registers.services import restore_version

    project = PublishedProjectFactory()
    fund = FundingSourceFactory()
    project.funding_sources.add(fund)
    version = project.history.order_by("-history_id").first()
    fund.delete()

    restored = restore_version(record=version, user=EditorFactory())

    assert list(restored.funding_sources.all()) == []


def test_the_calendar_is_built_once_until_the_data_or_the_day_change(
    today, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        FundingSourceFactory(title="First", closes_on=days(5))
    first = client.get("/funding/deadlines.ics").content

    assert query_count(client, "/funding/deadlines.ics") == 0
    with django_capture_on_commit_callbacks(execute=True):
        FundingSourceFactory(title="Second", closes_on=days(6))
    second = client.get("/funding/deadlines.ics").content

    assert b"Second" not in first and b"Second" in second


def test_a_calendar_poll_with_nothing_new_gets_a_304(today, client):
    FundingSourceFactory(closes_on=days(5))
    first = client.get("/funding/deadlines.ics")

    again = client.get("/funding/deadlines.ics", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and again.status_code == 304


# -- subscribing to the calendar of a filtered list --------------------------------------------


def calendar_of(client, query):
    response = client.get("/funding/deadlines.ics", query)
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def test_the_calendar_takes_the_lists_filters(today, client):
    nhs = Sector.objects.get(slug="nhs")
    police = Sector.objects.get(slug="police")
    FundingSourceFactory(title="NHS only", sectors=[nhs], closes_on=days(3))
    FundingSourceFactory(title="Police only", sectors=[police], closes_on=days(4))
    FundingSourceFactory(title="Any sector", sectors=[], closes_on=days(5))

    calendar = calendar_of(client, {"sector": "nhs"})

    # The same funds as /funding/?sector=nhs shows: a fund naming no sector is open to all.
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        "Closing date: NHS only",
        "Closing date: Any sector",
    ]
    # Two subscriptions in one calendar app are told apart by what they hold, in words.
    assert str(calendar["x-wr-calname"]) == (
        "LondonConnects: funding closing dates (Sector that may apply: NHS)"
    )
    every = calendar_of(client, {})
    assert len(every.walk("VEVENT")) == 3
    assert str(every["x-wr-calname"]) == "LondonConnects: funding closing dates"


def test_a_calendar_with_a_filter_it_cannot_use_is_refused_with_the_reason(today, client):
    FundingSourceFactory(title="Soon", closes_on=days(3))

    response = client.get("/funding/deadlines.ics", {"sector": "no-such-sector"})

    # Never every fund in place of what was asked for.
    assert response.status_code == 400
    assert "“no-such-sector” is not a known sector." in body(response)


def test_the_list_offers_a_subscription_to_the_calendar_of_what_it_shows(today, client):
    FundingSourceFactory(title="Soon", closes_on=days(3))

    page = body(
        client.get(
            LIST,
            {
                "sector": "nhs",
                "origin": "bogus",
                "sort": "title",
                "page": "1",
                "utm_source": "mail",
            },
            HTTP_HOST="testserver",
        )
    )

    # Only the filters it can use: not the sort, the page, a tracking tag or a bad value.
    assert 'href="webcal://testserver/funding/deadlines.ics?sector=nhs"' in page
    assert 'value="https://testserver/funding/deadlines.ics?sector=nhs"' in page
    assert 'href="/funding/deadlines.ics?sector=nhs"' in page
    assert "The closing dates to come of the funds this list shows" in page
    unfiltered = body(client.get(LIST, HTTP_HOST="testserver"))
    assert 'href="webcal://testserver/funding/deadlines.ics"' in unfiltered
    assert "The closing dates to come of every fund," in unfiltered


def test_each_filtered_calendar_is_built_and_kept_on_its_own(today, client):
    nhs = Sector.objects.get(slug="nhs")
    police = Sector.objects.get(slug="police")
    FundingSourceFactory(title="NHS only", sectors=[nhs], closes_on=days(3))
    FundingSourceFactory(title="Police only", sectors=[police], closes_on=days(4))

    nhs_first = calendar_of(client, {"sector": "nhs"})
    police_first = calendar_of(client, {"sector": "police"})
    nhs_again = calendar_of(client, {"sector": "nhs", "utm_source": "x"})

    assert [str(e["summary"]) for e in nhs_first.walk("VEVENT")] == ["Closing date: NHS only"]
    assert [str(e["summary"]) for e in police_first.walk("VEVENT")] == ["Closing date: Police only"]
    assert nhs_again.to_ical() == nhs_first.to_ical()
