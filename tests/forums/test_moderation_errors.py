"""Moderators' forms in error lead to the field and keep what was typed (issue 16, item 8):
the reason every moderation action needs, the forum to move a topic to, and the paper a
decision names, which may be given by its full web address, its path or its slug."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group as Role
from django.urls import reverse
from django.utils.html import escape

from forums.models import ModerationAction, Topic
from partners.roles import MODERATOR
from tests.factories import ForumFactory, MemberFactory, PaperFactory, TopicFactory
from tests.pages import body, error_summary

pytestmark = pytest.mark.django_db

SUMMARY = "Adopt **ISO 14443** across London, reviewed in 2004."


@pytest.fixture
def moderator(client):
    user = MemberFactory(first_name="Mo", last_name="Derator")
    user.groups.add(Role.objects.get(name=MODERATOR))
    client.force_login(user)
    return user


@pytest.fixture
def topic():
    return TopicFactory(forum=ForumFactory(slug="smart-cards"), subject="Card readers")


@pytest.fixture
def paper():
    return PaperFactory(title="Smart card specification", slug="smart-card-specification")


def decide(client, topic, paper_given, decision=SUMMARY):
    return client.post(
        reverse("forums:record_decision", args=[topic.forum.slug, topic.pk]),
        {"decision": decision, "paper": paper_given},
    )


@pytest.mark.parametrize(
    "given",
    [
        "smart-card-specification",
        "/papers/smart-card-specification/",
        "/papers/smart-card-specification",
        "http://testserver/papers/smart-card-specification/",
        "{site}/papers/smart-card-specification/download/",
        "  http://testserver/papers/smart-card-specification/?from=list#summary  ",
    ],
)
def test_the_decision_names_its_paper_by_address_path_or_slug(
    client, moderator, topic, paper, given
):
    response = decide(client, topic, given.format(site=settings.SITE_URL))

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.decision_paper == paper
    assert "<strong>ISO 14443</strong>" in topic.decision_html


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("https://www.example.org/papers/smart-card-specification/", "not on LondonConnects"),
        ("ftp://testserver/papers/smart-card-specification/", "not on LondonConnects"),
        ("http://testserver/projects/smart-card-specification/", "not a paper in the library"),
        ("/papers/", "not a paper in the library"),
        ("no-such-paper", "There is no published paper at that address."),
    ],
)
def test_a_refused_paper_says_why_and_keeps_the_summary_typed(
    client, moderator, topic, paper, given, message
):
    response = decide(client, topic, given)

    assert response.status_code == 400
    page = body(response)
    [(href, text)] = error_summary(response)
    assert href == "#decision-paper" and message in text
    # Beside the field, which keeps what was typed, as does the summary above it.
    assert f'<span class="govuk-visually-hidden">Error:</span> {escape(text)}' in page
    assert 'aria-describedby="decision-paper-hint decision-paper-error"' in page
    assert f'value="{given.strip()}"' in page
    assert f">{SUMMARY}</textarea>" in page
    topic.refresh_from_db()
    assert (topic.decision, topic.decision_paper) == ("", None)
    assert not ModerationAction.objects.exists()


def test_a_draft_paper_cannot_be_named(client, moderator, topic):
    draft = PaperFactory(slug="draft-paper", publication_status="draft")

    response = decide(client, topic, f"/papers/{draft.slug}/")

    assert response.status_code == 400
    assert Topic.objects.get(pk=topic.pk).decision_paper is None


def test_the_decision_form_shows_the_recorded_decision(client, moderator, topic, paper):
    decide(client, topic, paper.slug)

    page = body(client.get(topic.get_absolute_url()))

    assert f">{SUMMARY}</textarea>" in page
    assert 'value="smart-card-specification"' in page
    assert "There is a problem" not in page


def test_a_moderation_without_a_reason_leads_to_the_reason(client, moderator, topic):
    response = client.post(
        reverse("forums:moderate_topic", args=[topic.forum.slug, topic.pk]),
        {"action": "lock", "reason": "  "},
    )

    assert response.status_code == 400
    assert error_summary(response) == [
        ("#topic-reason", "Say why: every moderation action is logged with its reason.")
    ]
    assert re.search(r'aria-describedby="\s*topic-reason-error"', body(response))
    assert not Topic.objects.get(pk=topic.pk).is_locked


def test_a_move_without_a_forum_leads_to_the_forum_and_keeps_the_reason(client, moderator, topic):
    response = client.post(
        reverse("forums:moderate_topic", args=[topic.forum.slug, topic.pk]),
        {"action": "move", "reason": "Belongs with the NHS topics", "to_forum": ""},
    )

    assert response.status_code == 400
    assert error_summary(response) == [("#to-forum", "Choose the forum to move the topic to.")]
    assert 'value="Belongs with the NHS topics"' in body(response)
    assert not ModerationAction.objects.exists()


def test_a_move_to_an_unknown_forum_is_refused_at_the_field(client, moderator, topic):
    response = client.post(
        reverse("forums:moderate_topic", args=[topic.forum.slug, topic.pk]),
        {"action": "move", "reason": "Tidy", "to_forum": "no-such-forum"},
    )

    assert response.status_code == 400
    assert error_summary(response) == [("#to-forum", "Choose one of the forums you moderate.")]
    assert Topic.objects.get(pk=topic.pk).forum == topic.forum


def test_a_post_moderation_without_a_reason_leads_to_that_posts_reason(client, moderator, topic):
    post = topic.posts.get()

    response = client.post(
        reverse("forums:moderate_post", args=[post.pk]), {"action": "hide-post", "reason": ""}
    )

    assert response.status_code == 400
    [(href, text)] = error_summary(response)
    assert (href, text) == (
        f"#post-reason-{post.pk}",
        "Say why: every moderation action is logged with its reason.",
    )
    assert re.search(rf'aria-describedby="\s*post-reason-{post.pk}-error"', body(response))
    assert not ModerationAction.objects.exists()


def test_a_resolution_without_a_reason_leads_to_that_reports_field(client, moderator, topic):
    from forums import services

    post = topic.posts.get()
    report = services.report_post(post=post, reporter=MemberFactory(), reason="Spam")

    response = client.post(
        reverse("forums:resolve_report", args=[report.pk]),
        {"action": "hide-post", "resolution": " "},
    )

    assert response.status_code == 400
    assert error_summary(response) == [
        (
            f"#resolution-{report.pk}",
            "Say why: every moderation action is logged with its reason.",
        )
    ]
    report.refresh_from_db()
    assert report.resolved_at is None


def test_a_member_gets_no_form_but_a_403(client, topic):
    client.force_login(MemberFactory())

    response = decide(client, topic, "https://www.example.org/")

    assert response.status_code == 403
