"""Moderators find their way in: the header's link with the open reports, the reported post's
text on the moderation page, reported posts marked on the topic, messages and a log that say
what was done to which post."""

import pytest
from django.contrib.auth.models import Group as Role
from django.urls import reverse

from forums import services
from forums.models import ModerationAction, Post, Report
from partners.roles import MODERATOR
from tests.factories import ForumFactory, MemberFactory, PartnerOfficerFactory, TopicFactory
from tests.pages import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    user = MemberFactory(first_name="Mo", last_name="Derator")
    user.groups.add(Role.objects.get(name=MODERATOR))
    return user


@pytest.fixture
def reported():
    """A post by Ann Author, reported once."""
    author = MemberFactory(first_name="Ann", last_name="Author")
    topic = TopicFactory(
        forum=ForumFactory(slug="smart-cards"),
        subject="Card readers",
        author=author,
        body="Readers from **Acme** are rubbish",
    )
    post = topic.posts.get()
    services.report_post(post=post, reporter=MemberFactory(), reason="Names a supplier")
    return post


def header(client) -> str:
    page = body(client.get("/forums/"))
    return page[page.index('aria-label="Your account"') : page.index("</nav>")]


def test_a_moderator_sees_the_open_reports_in_the_header(client, moderator, reported):
    client.force_login(moderator)

    links = header(client)

    assert "Moderation (1 open report)" in links
    assert reverse("forums:moderation") in links


def test_the_count_follows_the_reports(client, moderator, reported):
    client.force_login(moderator)
    services.report_post(post=reported, reporter=MemberFactory(), reason="Rude")
    assert "Moderation (2 open reports)" in header(client)

    for report in Report.objects.all():
        services.resolve_report(report=report, moderator=moderator, resolution="Fine")

    assert "Moderation (0 open reports)" in header(client)


@pytest.mark.parametrize("who", ["member", "partner officer"])
def test_others_see_no_moderation_link(client, reported, who):
    client.force_login(MemberFactory() if who == "member" else PartnerOfficerFactory())

    assert "Moderation" not in header(client)


def test_a_forums_own_moderator_counts_only_their_forums_reports(client, reported):
    own = MemberFactory()
    reported.topic.forum.moderators.add(own)
    other = TopicFactory().posts.get()
    services.report_post(post=other, reporter=MemberFactory(), reason="Spam")
    client.force_login(own)

    assert "Moderation (1 open report)" in header(client)


def test_a_role_given_or_taken_shows_at_once(client, reported):
    member = MemberFactory()
    client.force_login(member)
    assert "Moderation" not in header(client)  # the roster is now kept

    member.groups.add(Role.objects.get(name=MODERATOR))
    assert "Moderation (1 open report)" in header(client)

    member.groups.clear()
    assert "Moderation" not in header(client)


def test_the_moderation_page_shows_the_reported_posts_text(client, moderator, reported):
    client.force_login(moderator)

    page = body(client.get(reverse("forums:moderation")))

    assert "Readers from <strong>Acme</strong> are rubbish" in page
    assert "Post by Ann Author" in page and "Names a supplier" in page


def test_the_topic_marks_a_reported_post_for_moderators_only(client, moderator, reported):
    url = reported.topic.get_absolute_url()
    client.force_login(MemberFactory())
    assert "open report" not in body(client.get(url))

    client.force_login(moderator)

    assert "1 open report" in body(client.get(url))


def test_hiding_a_post_says_what_was_done(client, moderator, reported):
    client.force_login(moderator)

    response = client.post(
        reverse("forums:moderate_post", args=[reported.pk]),
        {"action": "hide-post", "reason": "Names a supplier"},
        follow=True,
    )

    assert "Post by Ann Author hidden: Names a supplier" in body(response)
    assert response.redirect_chain[-1][0].endswith(f"?post={reported.pk}")  # the message in view


def test_hiding_from_the_report_hides_and_resolves_in_one_go(client, moderator, reported):
    client.force_login(moderator)
    report = Report.objects.get()

    response = client.post(
        reverse("forums:resolve_report", args=[report.pk]),
        {"action": "hide-post", "resolution": "Names a supplier"},
        follow=True,
    )

    page = body(response)
    assert "Post by Ann Author hidden: Names a supplier." in page
    assert "Report on the post by Ann Author resolved: Names a supplier." in page
    assert Post.objects.get(pk=reported.pk).is_hidden
    assert Report.objects.get().resolved_by == moderator
    assert "Moderation (0 open reports)" in page


def test_resolving_without_a_reason_changes_nothing(client, moderator, reported):
    client.force_login(moderator)
    report = Report.objects.get()

    response = client.post(
        reverse("forums:resolve_report", args=[report.pk]),
        {"action": "hide-post", "resolution": " "},
        follow=True,
    )

    assert "Say why" in body(response)
    assert not Post.objects.get(pk=reported.pk).is_hidden
    assert Report.objects.get().resolved_at is None


def test_topic_actions_say_what_was_done(client, moderator, reported):
    topic = reported.topic
    client.force_login(moderator)

    response = client.post(
        reverse("forums:moderate_topic", args=[topic.forum.slug, topic.pk]),
        {"action": "lock", "reason": "Settled"},
        follow=True,
    )

    assert "Topic “Card readers” locked: Settled" in body(response)


def test_the_log_names_the_post_and_its_author(client, moderator, reported):
    services.moderate_post(post=reported, moderator=moderator, kind="hide-post", reason="Abuse")
    client.force_login(moderator)

    page = body(client.get(reverse("forums:moderation")))

    log = page[page.index("Moderation log") :]
    assert "post by Ann Author" in log
    assert f"?post={reported.pk}#post-{reported.pk}" in log
    assert ModerationAction.objects.get().post == reported


def test_the_log_costs_a_fixed_number_of_queries(client, moderator, django_assert_max_num_queries):
    for number in range(5):
        post = TopicFactory(subject=f"Topic {number}").posts.get()
        services.moderate_post(post=post, moderator=moderator, kind="hide-post", reason="Spam")
        services.report_post(post=post, reporter=MemberFactory(), reason="Spam")
    client.force_login(moderator)
    client.get(reverse("forums:moderation"))

    with django_assert_max_num_queries(12):
        client.get(reverse("forums:moderation"))


def test_an_account_made_superuser_or_switched_off_shows_at_once(client, reported):
    member = MemberFactory()
    client.force_login(member)
    assert "Moderation" not in header(client)  # the roster is now kept

    member.is_superuser = True
    member.save()
    assert "Moderation (1 open report)" in header(client)

    member.is_superuser = False
    member.save()
    assert "Moderation" not in header(client)


def test_a_moderator_switched_on_again_shows_at_once(client, moderator, reported):
    moderator.is_active = False
    moderator.save()
    client.force_login(MemberFactory())
    header(client)  # the roster is kept without the moderator

    moderator.is_active = True
    moderator.save()
    client.force_login(moderator)

    assert "Moderation (1 open report)" in header(client)


def test_signing_in_keeps_the_roster(client, moderator, reported):
    from django.core.cache import cache

    from forums.services import ROSTER_KEY

    client.force_login(moderator)
    header(client)
    assert cache.get(ROSTER_KEY) is not None

    client.logout()
    client.force_login(moderator)  # writes last_login only

    assert cache.get(ROSTER_KEY) is not None
