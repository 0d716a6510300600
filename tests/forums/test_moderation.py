"""What moderators do, who else may not, and the log that records it all."""

import pytest
from django.contrib.auth.models import Group as Role
from django.urls import reverse

from forums import services
from forums.models import ModerationAction, Post, Report, Topic
from partners.roles import MODERATOR
from tests.factories import ForumFactory, MemberFactory, PaperFactory, TopicFactory, UserFactory
from tests.pages import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    user = MemberFactory(first_name="Mo", last_name="Derator")
    user.groups.add(Role.objects.get(name=MODERATOR))
    return user


@pytest.fixture
def topic():
    return TopicFactory(forum=ForumFactory(slug="smart-cards"), subject="Card readers")


def moderate(client, topic, action, reason="Tidying up", **extra):
    return client.post(
        reverse("forums:moderate_topic", args=[topic.forum.slug, topic.pk]),
        {"action": action, "reason": reason, **extra},
    )


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("pin", "is_pinned", True), ("lock", "is_locked", True), ("hide-topic", "is_hidden", True)],
)
def test_a_moderator_pins_locks_and_hides_with_the_reason_logged(
    client, moderator, topic, action, field, value
):
    client.force_login(moderator)

    response = moderate(client, topic, action, reason="Agreed at the steering group")

    assert response.status_code == 302
    assert getattr(Topic.objects.get(pk=topic.pk), field) is value
    logged = ModerationAction.objects.get()
    assert (logged.kind, logged.moderator, logged.reason) == (
        action,
        moderator,
        "Agreed at the steering group",
    )


def test_every_action_needs_a_reason(client, moderator, topic):
    client.force_login(moderator)

    moderate(client, topic, "lock", reason="  ")

    assert not Topic.objects.get(pk=topic.pk).is_locked
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize("who", ["public", "member", "author", "non-partner"])
def test_only_moderators_moderate(client, topic, who):
    if who == "member":
        client.force_login(MemberFactory())
    elif who == "author":
        client.force_login(topic.author)
    elif who == "non-partner":
        client.force_login(UserFactory())

    response = moderate(client, topic, "lock")

    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    assert not Topic.objects.get(pk=topic.pk).is_locked
    assert not ModerationAction.objects.exists()


def test_a_per_forum_moderator_moderates_only_their_forum(client, topic):
    own = MemberFactory()
    topic.forum.moderators.add(own)
    elsewhere = TopicFactory()
    client.force_login(own)

    assert moderate(client, topic, "pin").status_code == 302
    assert moderate(client, elsewhere, "pin").status_code == 403
    assert Topic.objects.get(pk=topic.pk).is_pinned
    assert not Topic.objects.get(pk=elsewhere.pk).is_pinned


def test_moving_a_topic_recounts_both_forums(client, moderator, topic):
    target = ForumFactory(slug="joint-procurement")
    client.force_login(moderator)

    moderate(client, topic, "move", to_forum=target.slug)

    topic.refresh_from_db()
    assert topic.forum == target
    old = type(target).objects.get(slug="smart-cards")
    target.refresh_from_db()
    assert (old.topic_count, target.topic_count) == (0, 1)
    assert ModerationAction.objects.get().detail == f"from {old.name} to {target.name}"


def test_hidden_content_is_gone_from_every_public_surface(client, moderator, topic):
    services.reply(topic=topic, author=MemberFactory(), body="Offensive words")
    offending = Post.objects.get(body="Offensive words")
    services.moderate_post(post=offending, moderator=moderator, kind="hide-post", reason="Abuse")
    forum = topic.forum

    for url in (
        topic.get_absolute_url(),
        f"/forums/{forum.slug}/feed/",
        f"/forums/{forum.slug}/{topic.pk}/feed/",
    ):
        assert "Offensive words" not in body(client.get(url))

    services.moderate_topic(topic=topic, moderator=moderator, kind="hide-topic", reason="Spam")
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert "Card readers" not in body(client.get(forum.get_absolute_url()))
    assert "Card readers" not in body(client.get("/forums/"))
    assert "Card readers" not in body(client.get(f"/forums/{forum.slug}/feed/"))

    client.force_login(moderator)  # moderators still see it, marked
    page = body(client.get(topic.get_absolute_url()))
    assert "This topic is hidden" in page and "Hidden by a moderator" in page


def test_a_hidden_post_can_be_shown_again(moderator, topic):
    post = topic.posts.get()
    services.moderate_post(post=post, moderator=moderator, kind="hide-post", reason="Check")
    services.moderate_post(post=post, moderator=moderator, kind="show-post", reason="Fine")

    assert Post.objects.get(pk=post.pk).is_shown
    assert [a.kind for a in ModerationAction.objects.order_by("pk")] == ["hide-post", "show-post"]


def test_members_report_and_moderators_resolve(client, moderator, topic):
    post = topic.posts.get()
    reporter = MemberFactory()
    client.force_login(reporter)

    client.post(reverse("forums:report_post", args=[post.pk]), {"reason": "Personal data"})
    client.post(reverse("forums:report_post", args=[post.pk]), {"reason": "Personal data"})

    assert Report.objects.filter(resolved_at__isnull=True).count() == 1
    assert client.get(reverse("forums:moderation")).status_code == 403
    client.force_login(moderator)
    page = body(client.get(reverse("forums:moderation")))
    assert "Personal data" in page
    report = Report.objects.get()
    client.post(reverse("forums:resolve_report", args=[report.pk]), {"resolution": "Edited out"})
    report.refresh_from_db()
    assert report.resolved_by == moderator and report.resolution == "Edited out"
    assert "Edited out" in body(client.get(reverse("forums:moderation")))


def test_the_public_cannot_report(client, topic):
    post = topic.posts.get()

    response = client.post(reverse("forums:report_post", args=[post.pk]), {"reason": "Spam"})

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Report.objects.exists()


def test_a_decision_summary_links_a_paper(client, moderator, topic):
    paper = PaperFactory(title="Smart card specification")
    client.force_login(moderator)

    client.post(
        reverse("forums:record_decision", args=[topic.forum.slug, topic.pk]),
        {"decision": "Adopt **ISO 14443** across London.", "paper": paper.slug},
    )
    client.logout()
    page = body(client.get(topic.get_absolute_url()))

    assert "What was decided" in page and "<strong>ISO 14443</strong>" in page
    assert paper.get_absolute_url() in page
    assert ModerationAction.objects.get().kind == "decision"


def test_a_member_cannot_record_a_decision(client, topic):
    client.force_login(MemberFactory())

    response = client.post(
        reverse("forums:record_decision", args=[topic.forum.slug, topic.pk]),
        {"decision": "Decided by me"},
    )

    assert response.status_code == 403
    assert Topic.objects.get(pk=topic.pk).decision == ""


def test_moderation_of_an_unknown_action_is_refused_cleanly(client, moderator, topic):
    client.force_login(moderator)

    response = moderate(client, topic, "explode")

    assert response.status_code == 400
    assert "That is not something a moderator can do to a topic." in body(response)
    assert not ModerationAction.objects.exists()


def test_a_reporter_lands_where_the_thank_you_is_in_view(client, topic):
    post = topic.posts.get()
    client.force_login(MemberFactory())

    response = client.post(
        reverse("forums:report_post", args=[post.pk]), {"reason": "Spam"}, follow=True
    )

    # The page that holds the post, opened at its top: a #post-N target would scroll the
    # message out of view and take the focus from it.
    assert response.redirect_chain[-1][0] == f"{topic.get_absolute_url()}?post={post.pk}"
    assert "Thank you: the moderators will look at the post." in body(response)
