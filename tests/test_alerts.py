"""Saved-search alerts: saving a register list's filters (or a site search), and
`send_alerts` mailing each new matching entry once, daily or weekly, with one-click stop."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alerts.models import SavedSearch
from alerts.services import send_alerts
from events.models import EventKind
from forums.models import Visibility
from tests.events.factories import EventFactory, PartnersOnlyEventFactory, PublishedEventFactory
from tests.factories import (
    ForumFactory,
    MemberFactory,
    ProjectFactory,
    PublishedProjectFactory,
    SectorFactory,
    TopicFactory,
    UserFactory,
)
from tests.pages import body

pytestmark = pytest.mark.django_db
LIST = reverse("alerts:list")


def save(client, register="projects", query="programme=pathfinder", frequency="daily"):
    return client.post(LIST, {"register": register, "query": query, "frequency": frequency})


def later(days=1.0):
    return timezone.now() + datetime.timedelta(days=days, minutes=1)


def published_at(entry, when):
    """Entries published at a moment after the alert runs (the runs are in the future)."""
    type(entry).objects.filter(pk=entry.pk).update(published_at=when)
    return entry


def titles_mailed(message) -> list[str]:
    return re.findall(r"^- (.+)$", message.body, flags=re.MULTILINE)


# -- saving ----------------------------------------------------------------------------------


def test_a_signed_in_user_saves_a_lists_filters_once(client):
    user = UserFactory()
    client.force_login(user)

    first = save(client, query="programme=pathfinder&page=3&sort=title")
    again = save(client, query="page=1&programme=pathfinder", frequency="weekly")  # same filters

    assert first.status_code == 302 and first["Location"] == "/projects/?programme=pathfinder"
    saved = SavedSearch.objects.get(user=user)
    assert (saved.register, saved.query, saved.frequency) == (
        "projects",
        "programme=pathfinder",
        "weekly",
    )
    assert again.status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"register": "projects", "query": "programme=bogus", "frequency": "daily"}, "bogus"),
        ({"register": "nope", "query": "", "frequency": "daily"}, "not a list that can send"),
        ({"register": "projects", "query": "", "frequency": "hourly"}, "Choose daily or weekly"),
        ({"register": "search", "query": "q=", "frequency": "daily"}, "Search for something"),
    ],
)
def test_what_cannot_be_saved_is_said_and_not_saved(client, data, message):
    client.force_login(UserFactory())

    response = client.post(LIST, data, follow=True)

    assert message in body(response)
    assert not SavedSearch.objects.exists()


def test_the_public_is_asked_to_sign_in(client):
    assert client.post(LIST, {"register": "projects"})["Location"].startswith("/accounts/login/")
    page = body(client.get(reverse("projects:list"), {"programme": "pathfinder"}))
    assert "Sign in</a> to have new entries matching this e-mailed" in page
    assert 'name="frequency"' not in page


def test_a_list_offers_its_filters_to_a_signed_in_user(client):
    client.force_login(UserFactory())
    page = body(client.get(reverse("projects:list"), {"programme": "pathfinder", "page": "1"}))
    assert 'name="register" value="projects"' in page
    assert 'name="query" value="programme=pathfinder"' in page


# -- mailing ---------------------------------------------------------------------------------


def test_new_matching_entries_are_mailed_once_each(client):
    user = UserFactory()
    client.force_login(user)
    PublishedProjectFactory(title="Before the alert", programme="pathfinder")
    save(client)
    PublishedProjectFactory(title="New pathfinder", programme="pathfinder")
    PublishedProjectFactory(title="New local project", programme="local")
    ProjectFactory(title="Draft pathfinder", programme="pathfinder")

    assert send_alerts(later(1)) == (1, 1)
    assert titles_mailed(mail.outbox[0]) == ["New pathfinder"]
    assert mail.outbox[0].to == [user.email]

    published_at(
        PublishedProjectFactory(title="Next pathfinder", programme="pathfinder"), later(1.5)
    )
    assert send_alerts(later(2)) == (1, 1)
    assert titles_mailed(mail.outbox[1]) == ["Next pathfinder"]
    assert send_alerts(later(3)) == (0, 0)  # nothing new: no mail
    assert len(mail.outbox) == 2


def test_an_entry_published_later_is_mailed_when_it_is_published(client):
    client.force_login(UserFactory())
    save(client)
    draft = ProjectFactory(title="Later pathfinder", programme="pathfinder")
    assert send_alerts(later(1)) == (0, 0)

    draft.publication_status = "published"
    draft.save()
    published_at(draft, later(1.5))

    send_alerts(later(2))
    assert titles_mailed(mail.outbox[-1]) == ["Later pathfinder"]


def test_weekly_alerts_wait_a_week(client):
    client.force_login(UserFactory())
    save(client, frequency="weekly")
    PublishedProjectFactory(programme="pathfinder")

    assert send_alerts(later(1)) == (0, 0)
    assert send_alerts(later(7)) == (1, 1)


def test_the_mail_stops_in_one_click(client):
    client.force_login(UserFactory())
    save(client)
    PublishedProjectFactory(programme="pathfinder")
    call_command("send_alerts", stdout=open("/dev/null", "w"), verbosity=0)  # noqa: SIM115
    send_alerts(later(1))
    message = mail.outbox[-1]
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    path = link.removeprefix("https://londonconnects.test")
    client.logout()

    assert "Stop this alert?" in body(client.get(path))
    assert SavedSearch.objects.exists()  # a GET only asks
    assert client.post(path).status_code == 200  # what a mail client sends
    assert not SavedSearch.objects.exists()
    assert client.post(path).status_code == 404


def test_a_user_stops_an_alert_from_their_list_but_not_someone_elses(client):
    other = UserFactory()
    client.force_login(other)
    save(client)
    theirs = SavedSearch.objects.get()
    client.force_login(UserFactory())

    assert client.post(reverse("alerts:delete", args=[theirs.pk])).status_code == 404
    client.force_login(other)
    client.post(reverse("alerts:delete", args=[theirs.pk]))
    assert not SavedSearch.objects.exists()


def test_an_events_alert_mails_new_events_of_its_kind_that_the_user_may_see(client):
    partner, public_user = MemberFactory(), UserFactory()
    client.force_login(public_user)
    page = body(client.get(reverse("events:list"), {"kind": "workshop"}))
    assert 'name="register" value="events"' in page
    assert 'name="query" value="kind=workshop"' in page
    for user in (partner, public_user):
        client.force_login(user)
        assert save(client, register="events", query="kind=workshop")["Location"] == (
            "/events/?kind=workshop"
        )
    PublishedEventFactory(title="Security workshop")
    PublishedEventFactory(title="Community seminar", kind=EventKind.SEMINAR)
    PartnersOnlyEventFactory(title="Partners' workshop")
    EventFactory(title="Draft workshop")

    send_alerts(later(1))

    mailed = {message.to[0]: titles_mailed(message) for message in mail.outbox}
    assert mailed[public_user.email] == ["Security workshop"]
    assert sorted(mailed[partner.email]) == ["Partners' workshop", "Security workshop"]


def test_a_site_search_alert_follows_what_the_user_may_read(client):
    partner, public_user = MemberFactory(), UserFactory()
    for user in (partner, public_user):
        client.force_login(user)
        save(client, register="search", query="q=quokka")
    TopicFactory(
        forum=ForumFactory(visibility=Visibility.PARTNERS), subject="Quokka plans", body="x"
    )
    PublishedProjectFactory(title="Quokka project")

    send_alerts(later(1))

    mailed = {message.to[0]: titles_mailed(message) for message in mail.outbox}
    assert mailed[public_user.email] == ["Quokka project"]
    assert set(mailed[partner.email]) == {"Quokka plans", "Quokka project"}


def test_a_saved_query_keeps_only_the_lists_own_filters_and_a_clean_search(client):
    client.force_login(UserFactory())

    save(client, query="programme=pathfinder&utm_source=mail&zzz=" + "x" * 2500)
    save(client, register="search", query="q=council%0AOR  council&register=")

    assert sorted(SavedSearch.objects.values_list("register", "query")) == [
        ("projects", "programme=pathfinder"),
        ("search", "q=council+OR+council"),
    ]


def test_filters_too_long_to_save_are_refused(client):
    client.force_login(UserFactory())

    response = client.post(
        LIST,
        {"register": "search", "query": "q=" + "word " * 500, "frequency": "daily"},
        follow=True,
    )

    assert "The search was not saved" in body(response)
    assert not SavedSearch.objects.exists()


def test_one_alert_that_cannot_be_sent_does_not_stop_the_others(client, monkeypatch):
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        client.force_login(user)
        save(client)
    PublishedProjectFactory(title="New pathfinder", programme="pathfinder")
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def refuse_the_first(message, *args, **kwargs):
        if message.to == [first.email]:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_the_first)

    assert send_alerts(later(1)) == (1, 1)
    assert [message.to for message in mail.outbox] == [[second.email]]
    monkeypatch.setattr(EmailMessage, "send", real_send)
    assert send_alerts(later(2)) == (1, 1)  # the refused one's window stayed open
    assert mail.outbox[-1].to == [first.email]


def test_the_stop_page_is_never_kept_in_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.force_login(UserFactory())
    save(client)
    from alerts.services import stop_token

    path = reverse("alerts:stop", args=[stop_token(SavedSearch.objects.get())])
    client.logout()
    client.cookies.clear()

    client.get(path)
    again = client.get(path)

    assert "X-Page-Cache" not in again


# -- in words ----------------------------------------------------------------------------------


def test_the_confirmation_names_the_filters_by_their_labels(client):
    SectorFactory(slug="nhs", name="NHS")
    client.force_login(UserFactory())

    response = save(client, query="sector=nhs&programme=pathfinder&status=active")
    page = body(client.get(response["Location"]))

    assert "New projects matching Programme: Pathfinder; Status: Active; Sector: NHS" in page
    assert "sector: nhs" not in page


def test_the_alerts_list_and_the_mail_use_the_labels_too(client):
    nhs = SectorFactory(slug="nhs", name="NHS")
    user = UserFactory()
    client.force_login(user)
    save(client, query="sector=nhs")

    assert "projects matching Sector: NHS" in body(client.get(LIST))

    published_at(PublishedProjectFactory(in_sectors=[nhs]), later(0.5))
    send_alerts(now=later())
    assert "Sector: NHS" in mail.outbox[0].subject


def test_a_choice_gone_since_is_still_named(client):
    nhs = SectorFactory(slug="nhs", name="NHS")
    client.force_login(UserFactory())
    save(client, query="sector=nhs")
    nhs.delete()

    assert "projects matching Sector: nhs (no longer a choice)" in body(client.get(LIST))
