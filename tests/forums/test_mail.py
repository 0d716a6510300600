"""Watching topics and forums, the mail it brings after the commit, one-click unsubscribe, and
the daily digest."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from forums import notifications, services
from forums.models import ForumProfile, MailChoice, Subscription, Visibility
from tests.factories import ForumFactory, MemberFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def member(**kwargs):
    return MemberFactory(email=f"{kwargs.pop('name', 'someone')}@borough.example.org", **kwargs)


@pytest.fixture
def topic():
    return TopicFactory(forum=ForumFactory(slug="smart-cards"), subject="Card readers",
                        author=member(name="starter"))  # fmt: skip


def test_starting_and_replying_watch_the_topic_and_watchers_are_mailed_after_commit(
    topic, django_capture_on_commit_callbacks
):
    replier = member(name="replier")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.reply(topic=topic, author=replier, body="Readers differ.")
    assert mail.outbox == []  # nothing is sent inside the transaction

    for callback in callbacks:
        callback()

    assert [m.to for m in mail.outbox] == [["starter@borough.example.org"]]
    message = mail.outbox[0]
    assert "Readers differ." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Subscription.objects.filter(user=replier, topic=topic, muted=False).exists()


def test_a_forum_watcher_hears_of_new_topics(django_capture_on_commit_callbacks):
    forum = ForumFactory()
    watcher = member(name="watcher")
    notifications.watch(watcher, forum=forum)

    with django_capture_on_commit_callbacks(execute=True):
        TopicFactory(forum=forum, author=member(name="author"), subject="New idea")

    assert [m.to for m in mail.outbox] == [["watcher@borough.example.org"]]
    assert "New idea" in mail.outbox[0].subject


def test_no_mail_to_the_author_or_to_watchers_who_may_not_read(
    django_capture_on_commit_callbacks,
):
    forum = ForumFactory(visibility=Visibility.PARTNERS)
    outsider = UserFactory(email="outsider@example.org")  # lost their partner membership
    notifications.watch(outsider, forum=forum)
    author = member(name="author")
    notifications.watch(author, forum=forum)

    with django_capture_on_commit_callbacks(execute=True):
        TopicFactory(forum=forum, author=author)

    assert mail.outbox == []


def test_one_click_unsubscribe_stops_the_mail(client, topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(topic=topic, author=member(name="replier"), body="First")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.removeprefix("https://londonconnects.test")

    assert "Stop this mail" in client.get(path).content.decode()
    assert client.post(path).status_code == 200  # as a mail client does, without a session
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(topic=topic, author=member(name="other"), body="Second")

    assert [m.to for m in mail.outbox] == [["replier@borough.example.org"]]


def test_a_tampered_unsubscribe_link_does_nothing(client, topic):
    assert client.post("/forums/unsubscribe/not-a-real-token/").status_code == 404
    assert Subscription.objects.filter(muted=False).count() == 1


def test_replying_again_does_not_undo_an_unsubscribe(topic, django_capture_on_commit_callbacks):
    replier = member(name="replier")
    services.reply(topic=topic, author=replier, body="One")
    notifications.unwatch(Subscription.objects.get(user=replier, topic=topic))

    services.reply(topic=topic, author=replier, body="Two")

    assert Subscription.objects.get(user=replier, topic=topic).muted


def test_watch_and_unwatch_buttons(client, topic):
    reader = member(name="reader")
    client.force_login(reader)
    url = reverse("forums:watch_topic", args=[topic.forum.slug, topic.pk])

    client.post(url, {"watch": "yes"})
    assert Subscription.objects.get(user=reader, topic=topic).muted is False
    client.post(url, {"watch": "no"})
    assert Subscription.objects.get(user=reader, topic=topic).muted is True


def test_digest_readers_get_one_mail_a_day_not_one_a_post(
    topic, django_capture_on_commit_callbacks
):
    reader = member(name="reader")
    ForumProfile.objects.create(user=reader, mail=MailChoice.DIGEST)
    notifications.watch(reader, topic=topic)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            services.reply(topic=topic, author=member(name=f"writer{n}"), body=f"Post {n}")
    immediate = [m for m in mail.outbox if m.to == ["reader@borough.example.org"]]
    assert immediate == []

    call_command("send_forum_digest")
    digests = [m for m in mail.outbox if m.to == ["reader@borough.example.org"]]
    assert len(digests) == 1
    assert all(f"Post {n}" in digests[0].body for n in range(3))

    call_command("send_forum_digest")  # nothing new since
    assert len([m for m in mail.outbox if m.to == ["reader@borough.example.org"]]) == 1


def test_mail_settings_page(client):
    reader = member(name="reader")
    client.force_login(reader)

    client.post(reverse("forums:mail_settings"), {"mail": "digest"})
    bad = client.post(reverse("forums:mail_settings"), {"mail": "hourly"}, follow=True)

    assert ForumProfile.objects.get(user=reader).mail == "digest"
    assert "Choose one of the options" in bad.content.decode()


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the worker closes its connection
def test_with_the_database_queue_posting_sends_nothing_itself(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    topic = TopicFactory(author=member(name="starter"))
    DBTaskResult.objects.all().delete()  # the opening post's own (no watchers yet)
    services.reply(topic=topic, author=member(name="replier"), body="Queued")

    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("send_post_notifications")

    call_command("db_worker", batch=True, verbosity=0)

    assert [m.to for m in mail.outbox] == [["starter@borough.example.org"]]


def test_the_digest_link_stops_the_digest(client, topic, django_capture_on_commit_callbacks):
    reader = member(name="reader")
    ForumProfile.objects.create(user=reader, mail=MailChoice.DIGEST)
    notifications.watch(reader, topic=topic)
    services.reply(topic=topic, author=member(name="writer"), body="News")
    call_command("send_forum_digest")
    digest = next(m for m in mail.outbox if m.to == ["reader@borough.example.org"])
    path = (
        digest.extra_headers["List-Unsubscribe"]
        .strip("<>")
        .removeprefix("https://londonconnects.test")
    )

    assert client.post(path).status_code == 200

    assert ForumProfile.objects.get(user=reader).mail == MailChoice.NONE


def test_mail_settings_list_only_what_the_member_may_still_read(client, topic):
    reader = member(name="reader")
    notifications.watch(reader, topic=topic)
    hidden = TopicFactory(subject="Personal data in the subject")
    notifications.watch(reader, topic=hidden)
    hidden.is_hidden = True
    hidden.save()
    client.force_login(reader)

    page = client.get(reverse("forums:mail_settings")).content.decode()

    assert "Card readers" in page and "Personal data" not in page
