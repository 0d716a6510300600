"""Forums: reading by visibility, posting by permission, sanitised Markdown, double submits,
rate limits, edits and soft deletes."""

import datetime
import uuid
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group as Role
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import Forum, Post, Suspension, Topic, Visibility
from partners.roles import MODERATOR
from registers import markup
from tests.factories import ForumFactory, MemberFactory, TopicFactory, UserFactory
from tests.pages import body, query_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return ForumFactory(name="Smart cards", slug="smart-cards")


@pytest.fixture
def private_forum():
    return ForumFactory(name="NHS sharing", slug="nhs-sharing", visibility=Visibility.PARTNERS)


@pytest.fixture
def member(client):
    user = MemberFactory()
    client.force_login(user)
    return user


def reply_url(topic):
    return reverse("forums:reply", args=[topic.forum.slug, topic.pk])


def post_reply(client, topic, text="A reply.", key=None):
    return client.post(reply_url(topic), {"body": text, "submission_key": str(key or uuid.uuid4())})


# -- sanitising -----------------------------------------------------------------------------

# From the OWASP XSS filter evasion cheat sheet, as they would be typed into a post.
XSS_PAYLOADS = [
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="' + "".join(f"&#{ord(c):07d}" for c in "javascript:alert('XSS')") + '">',
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<iframe src=https://xss.example/scriptlet.html <",
    "<svg/onload=alert('XSS')>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "<div style=\"background-image: url(javascript:alert('XSS'))\">",
    "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH" type="image/svg+xml">',
    "`<script>` in code is `fine`",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
]


class ElementsAndAttributes(HTMLParser):
    """Every real element and attribute in some HTML (escaped text is only text)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_neutralised(payload):
    html = markup.render(payload)

    for tag, attrs in ElementsAndAttributes(html).found:
        assert tag in markup.ALLOWED_TAGS, html
        assert not any(name.startswith("on") or name == "style" for name in attrs), html
        if "href" in attrs:
            assert urlsplit(attrs["href"]).scheme in {"http", "https", "mailto"}, html
            assert attrs["rel"] == "nofollow noopener", html


def test_markdown_renders_and_links_get_nofollow():
    html = markup.render("**Bold**, [GOV.UK](https://www.gov.uk/) and\n\n> a quote")

    assert "<strong>Bold</strong>" in html
    assert '<a href="https://www.gov.uk/" rel="nofollow noopener">GOV.UK</a>' in html
    assert "<blockquote>" in html


def test_the_stored_html_is_what_is_shown(client, forum):
    topic = TopicFactory(forum=forum, body="<script>alert(1)</script> **hi**")

    page = body(client.get(topic.get_absolute_url()))

    assert "<script>alert(1)" not in page
    assert "<strong>hi</strong>" in page


# -- reading and visibility ------------------------------------------------------------------


def test_the_public_never_sees_a_partners_only_forum(client, forum, private_forum):
    secret = TopicFactory(forum=private_forum, subject="Confidential protocol")

    index = body(client.get("/forums/"))
    assert "Smart cards" in index and "NHS sharing" not in index
    assert client.get(private_forum.get_absolute_url()).status_code == 302
    assert client.get(secret.get_absolute_url()).status_code == 302
    assert client.get(f"/forums/{private_forum.slug}/feed/").status_code == 404
    assert client.get(f"/forums/{private_forum.slug}/{secret.pk}/feed/").status_code == 404
    client.force_login(UserFactory())  # signed in, not a partner
    assert client.get(secret.get_absolute_url()).status_code == 404


def test_partners_read_partners_only_forums(client, private_forum, member):
    secret = TopicFactory(forum=private_forum, subject="Confidential protocol")

    assert "NHS sharing" in body(client.get("/forums/"))
    assert "Confidential protocol" in body(client.get(secret.get_absolute_url()))


def test_index_shows_counts_and_the_latest_post(client, forum):
    topic = TopicFactory(forum=forum, subject="Card readers")
    services.reply(topic=topic, author=MemberFactory(first_name="Ade"), body="Second")

    row = client.get("/forums/").context["forums"][0]

    assert (row.topic_count, row.post_count) == (1, 2)
    assert row.last_post.body == "Second"


def test_topics_are_listed_pinned_first_then_by_last_activity(client, forum):
    old = TopicFactory(forum=forum, subject="Old")
    pinned = TopicFactory(forum=forum, subject="Pinned", is_pinned=True)
    new = TopicFactory(forum=forum, subject="New")
    services.reply(topic=old, author=MemberFactory(), body="Bump")

    listed = list(client.get(forum.get_absolute_url()).context["page"].object_list)

    assert listed == [pinned, old, new]


def test_a_topic_is_unread_until_the_member_opens_it(client, forum, member):
    topic = TopicFactory(forum=forum)

    assert topic.pk in client.get(forum.get_absolute_url()).context["unread"]
    client.get(topic.get_absolute_url())
    assert topic.pk not in client.get(forum.get_absolute_url()).context["unread"]
    services.reply(topic=topic, author=MemberFactory(), body="News")
    assert topic.pk in client.get(forum.get_absolute_url()).context["unread"]


def test_feeds_carry_public_posts(client, forum):
    topic = TopicFactory(forum=forum, body="Public words")

    assert "Public words" in body(client.get(f"/forums/{forum.slug}/feed/"))
    assert "Public words" in body(client.get(f"/forums/{forum.slug}/{topic.pk}/feed/"))


# -- posting -----------------------------------------------------------------------------------


def test_a_member_starts_a_topic_and_replies(client, forum, member):
    response = client.post(
        reverse("forums:new_topic", args=[forum.slug]),
        {"subject": "Card standards", "body": "Which standard?", "submission_key": uuid.uuid4()},
    )
    topic = Topic.objects.get(subject="Card standards")
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()

    response = post_reply(client, topic, "ISO 14443, surely.")

    assert response.status_code == 302
    assert "ISO 14443, surely." in body(client.get(topic.get_absolute_url()))
    assert Forum.objects.get(pk=forum.pk).post_count == 2


def test_the_public_is_sent_to_sign_in_to_post(client, forum):
    topic = TopicFactory(forum=forum)

    response = post_reply(client, topic)

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("forums:new_topic", args=[forum.slug])).status_code == 302
    assert Post.objects.count() == 1


def test_an_account_without_a_partner_cannot_post(client, forum):
    topic = TopicFactory(forum=forum)
    client.force_login(UserFactory())

    response = post_reply(client, topic)

    assert response.status_code == 403
    assert "Only accounts that belong to a partner organisation can post" in body(response)
    assert Post.objects.count() == 1


def test_a_suspended_member_cannot_post_or_edit_and_is_told_why(client, forum, member):
    topic = TopicFactory(forum=forum, author=member)
    Suspension.objects.create(user=member, reason="Repeated personal attacks")

    reply = post_reply(client, topic)
    edit = client.post(reverse("forums:edit_post", args=[topic.posts.get().pk]), {"body": "x"})

    assert reply.status_code == 403 and "Repeated personal attacks" in body(reply)
    assert edit.status_code == 403
    assert Post.objects.count() == 1


def test_a_lapsed_suspension_no_longer_stops_posting(client, forum, member):
    topic = TopicFactory(forum=forum)
    Suspension.objects.create(
        user=member, reason="Cooling off", until=timezone.now() - datetime.timedelta(days=1)
    )

    assert post_reply(client, topic).status_code == 302


def test_a_locked_topic_takes_no_replies(client, forum, member):
    topic = TopicFactory(forum=forum, is_locked=True)

    response = post_reply(client, topic)

    assert response.status_code == 403 and "locked" in body(response)
    assert Post.objects.count() == 1


def test_a_double_submit_makes_one_post(client, forum, member):
    topic = TopicFactory(forum=forum)
    key = uuid.uuid4()

    first = post_reply(client, topic, "Only once", key)
    second = post_reply(client, topic, "Only once", key)

    assert first["Location"] == second["Location"]
    assert topic.posts.filter(body="Only once").count() == 1


def test_posting_is_rate_limited_with_a_clear_message(client, forum, member, settings):
    settings.FORUM_POSTS_PER_MINUTE = 2
    topic = TopicFactory(forum=forum)

    statuses = [post_reply(client, topic, f"Reply {n}").status_code for n in range(2)]
    refused = post_reply(client, topic, "One too many")

    assert statuses == [302, 302]
    assert refused.status_code == 429
    page = body(refused)
    assert "Wait a minute" in page and "One too many" in page  # the text is kept
    assert topic.posts.count() == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write something before you post."), ("   \n ", "Write something before you post.")],
)
def test_an_empty_post_is_refused(client, forum, member, text, message):
    topic = TopicFactory(forum=forum)

    response = post_reply(client, topic, text)

    assert response.status_code == 400 and message in body(response)
    assert topic.posts.count() == 1


def test_a_too_long_post_is_refused(client, forum, member, settings):
    topic = TopicFactory(forum=forum)

    response = post_reply(client, topic, "x" * (settings.FORUM_POST_MAX_CHARACTERS + 1))

    assert response.status_code == 400 and "at most" in body(response)
    assert topic.posts.count() == 1


def test_quoting_prefills_the_reply(client, forum, member):
    topic = TopicFactory(forum=forum, body="Cards first.\nThen readers.")
    post = topic.posts.get()

    form = client.get(topic.get_absolute_url(), {"quote": post.pk}).context["form"]

    assert "> Cards first.\n> Then readers." in form.initial["body"]


# -- editing and deleting ----------------------------------------------------------------------


def test_the_author_edits_with_history_kept_and_an_edited_mark(client, forum, member):
    topic = TopicFactory(forum=forum, author=member, body="First thoughts")
    post = topic.posts.get()

    response = client.post(reverse("forums:edit_post", args=[post.pk]), {"body": "Better"})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Better" and post.edited_at is not None
    assert [v.body for v in post.history.order_by("history_id")] == ["First thoughts", "Better"]
    assert ">edited<" in body(client.get(topic.get_absolute_url()))


def test_another_member_cannot_edit_or_delete(client, forum, member):
    post = TopicFactory(forum=forum).posts.get()

    assert (
        client.post(reverse("forums:edit_post", args=[post.pk]), {"body": "x"}).status_code == 403
    )
    assert client.post(reverse("forums:delete_post", args=[post.pk])).status_code == 403
    assert Post.objects.get(pk=post.pk).body == "Opening post."


def test_delete_is_soft_and_a_moderator_can_undo_it(client, forum, member, staff_login):
    topic = TopicFactory(forum=forum)
    mine = services.reply(topic=topic, author=member, body="Regret this")

    assert client.post(reverse("forums:delete_post", args=[mine.pk])).status_code == 302
    assert "Regret this" not in body(client.get(topic.get_absolute_url()))
    assert Topic.objects.get(pk=topic.pk).reply_count == 0

    moderator = MemberFactory(is_staff=True)
    moderator.groups.add(Role.objects.get(name=MODERATOR))
    staff_login(moderator)
    client.post(
        reverse("admin:forums_post_changelist"),
        {"action": "undelete", "_selected_action": [mine.pk]},
    )

    assert Post.objects.get(pk=mine.pk).deleted_at is None
    assert Topic.objects.get(pk=topic.pk).reply_count == 1


# -- pages and queries -------------------------------------------------------------------------


def test_a_thousand_post_topic_costs_the_same_queries_on_any_page(client, forum, member):
    topic = TopicFactory(forum=forum)
    authors = [MemberFactory() for _ in range(5)]
    Post.objects.bulk_create(
        Post(topic=topic, author=authors[n % 5], body=f"Post {n}", body_html=f"<p>Post {n}</p>")
        for n in range(999)
    )
    services.refresh_counts(topic)
    url = topic.get_absolute_url()

    client.get(url)  # the first visit records the reading; later ones update it
    first, middle, last = (query_count(client, f"{url}?page={n}") for n in (1, 20, 40))

    assert first == middle == last <= 17  # 17: the opening post, for the page's JSON-LD


def test_the_forum_index_does_not_grow_with_forums(client):
    TopicFactory(forum=ForumFactory())
    few = query_count(client, "/forums/")
    for _ in range(10):
        TopicFactory(forum=ForumFactory())

    assert query_count(client, "/forums/") == few <= 4


def test_the_topic_list_does_not_grow_with_topics(client, forum):
    TopicFactory(forum=forum)
    few = query_count(client, forum.get_absolute_url())
    for _ in range(10):
        TopicFactory(forum=forum)

    assert query_count(client, forum.get_absolute_url()) == few <= 4


def test_bad_input_in_urls_is_not_a_500(client, forum):
    topic = TopicFactory(forum=forum)

    assert client.get(f"{topic.get_absolute_url()}?page=abc").status_code == 200
    assert client.get(f"{topic.get_absolute_url()}?page=99999").status_code == 200
    assert client.get(f"{topic.get_absolute_url()}?quote=x&post=y").status_code == 200
    assert client.get(f"/forums/{forum.slug}/999999/").status_code == 404
    assert client.get("/forums/no-such-forum/").status_code == 404
    assert client.get(reply_url(topic)).status_code == 405


def test_seed_bulk_topics_replaces_its_own_topics(capsys):
    from django.core.management import call_command

    from forums.bulk import PREFIX

    forum = ForumFactory()
    demo = TopicFactory(forum=forum, subject="Demo discussion")

    call_command("seed_bulk", topics=6, posts_per_topic=4)
    call_command("seed_bulk", topics=5, posts_per_topic=3)

    bulk = Topic.objects.filter(subject__startswith=PREFIX)
    assert bulk.count() == 5
    assert Post.objects.filter(topic__in=bulk).count() == 15
    assert {t.reply_count for t in bulk} == {2}
    assert Topic.objects.filter(pk=demo.pk).exists()
    forum.refresh_from_db()
    assert forum.post_count == Post.objects.shown().filter(topic__forum=forum).count()
    assert "5 topics" in capsys.readouterr().out


def test_non_ascii_digits_in_parameters_are_not_a_500(client, forum):
    topic = TopicFactory(forum=forum)

    response = client.get(topic.get_absolute_url(), {"post": "²", "quote": "²"})

    assert response.status_code == 200


def test_control_characters_are_dropped_and_a_subject_is_one_line(client, forum, member):
    client.post(
        reverse("forums:new_topic", args=[forum.slug]),
        {"subject": "Two\nlines\x0b", "body": "Odd\x0bchars\x00", "submission_key": uuid.uuid4()},
    )

    topic = Topic.objects.get()
    assert topic.subject == "Two lines"
    assert topic.posts.get().body == "Oddchars"
    assert client.get(f"/forums/{forum.slug}/feed/").status_code == 200


def test_a_form_key_used_in_one_topic_does_not_swallow_a_post_in_another(client, forum, member):
    first, second = TopicFactory(forum=forum), TopicFactory(forum=forum)
    key = uuid.uuid4()
    post_reply(client, first, "In the first", key)

    response = post_reply(client, second, "In the second", key)

    assert response.status_code == 400 and "already used" in body(response)
    assert "In the second" in body(response)  # the text is offered again
    assert not second.posts.filter(body="In the second").exists()


def test_reading_a_topic_does_not_empty_the_page_cache(client, forum, member):
    from registers.cache import data_version

    topic = TopicFactory(forum=forum)
    with_the_reading = data_version()
    client.get(topic.get_absolute_url())
    client.get(topic.get_absolute_url())

    assert data_version() == with_the_reading


def test_moving_a_topic_in_the_admin_recounts_the_forum_it_left(client, staff_login, forum):
    from tests.factories import EditorFactory

    private = ForumFactory(visibility=Visibility.PARTNERS)
    topic = TopicFactory(forum=forum, subject="Moved away")
    staff_login(EditorFactory())

    client.post(
        reverse("admin:forums_topic_change", args=[topic.pk]),
        {"forum": private.pk, "is_pinned": "", "is_locked": "", "is_hidden": ""},
    )
    client.logout()

    assert Topic.objects.get(pk=topic.pk).forum == private
    forum.refresh_from_db()
    assert (forum.topic_count, forum.post_count, forum.last_post) == (0, 0, None)
    assert "Moved away" not in body(client.get("/forums/"))


def test_a_forum_lists_the_topics_started_in_a_year(client):
    forum = ForumFactory()
    old = TopicFactory(forum=forum, subject="Started in 2025")
    Topic.objects.filter(pk=old.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 30))
    )
    TopicFactory(forum=forum, subject="Started this year")

    response = client.get(forum.get_absolute_url(), {"started_in": "2025"})

    assert [topic.subject for topic in response.context["page"]] == ["Started in 2025"]
    assert "1 topic started in 2025" in body(response)
    bad = client.get(forum.get_absolute_url(), {"started_in": "last year"})
    assert bad.status_code == 200
    assert "Enter a year as four digits" in body(bad)
    assert len(bad.context["page"]) == 2


def test_edits_are_rate_limited_too(client, forum, member, settings):
    settings.FORUM_POSTS_PER_MINUTE = 4
    # Starting the topic is the first of the four.
    post = TopicFactory(forum=forum, author=member, body="First").posts.get()
    edit_url = reverse("forums:edit_post", args=[post.pk])

    statuses = [
        client.post(edit_url, {"body": f"Edit {n} " + "x" * 19_000}).status_code for n in range(5)
    ]

    assert statuses == [302, 302, 302, 429, 429]
    post.refresh_from_db()
    assert post.body.startswith("Edit 2 ")
    assert post.history.count() == 4  # the first version and three edits


def test_posts_and_edits_share_one_budget(client, forum, member, settings):
    settings.FORUM_POSTS_PER_MINUTE = 2
    topic = TopicFactory(forum=forum)

    assert post_reply(client, topic, "A reply").status_code == 302
    mine = topic.posts.get(author=member)
    edit = client.post(reverse("forums:edit_post", args=[mine.pk]), {"body": "Edited"})
    assert edit.status_code == 302
    refused = post_reply(client, topic, "One too many")

    assert refused.status_code == 429
    assert topic.posts.filter(author=member).count() == 1


@pytest.mark.postgres
# Threads need committed rows; the serialized rollback leaves the reference data (roles,
# content types) as later tests expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_replies_never_pass_the_limit(settings, monkeypatch):
    """The probe's attack: 20 replies at once against a limit of 10 made 11 posts."""
    import threading
    from datetime import UTC, datetime

    from django.db import connection
    from django.utils import timezone

    from forums import services

    settings.FORUM_POSTS_PER_MINUTE = 10
    # One clock minute for the whole run, so the limit is tested and not the minute turning.
    noon = datetime(2026, 11, 30, 12, 0, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: noon)
    author = MemberFactory()
    topic = TopicFactory(forum=ForumFactory())
    start = threading.Barrier(20)
    outcomes = []

    def reply(n):
        try:
            start.wait()
            services.reply(topic=topic, author=author, body=f"Reply {n}")
            outcomes.append("posted")
        except services.Refused as refused:
            outcomes.append(refused.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=reply, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("posted") == 10
    assert outcomes.count(429) == 10
    assert topic.posts.filter(author=author).count() == 10


def test_a_refused_edit_keeps_the_text(client, forum, member, settings):
    settings.FORUM_POSTS_PER_MINUTE = 2
    post = TopicFactory(forum=forum, author=member, body="First").posts.get()
    edit_url = reverse("forums:edit_post", args=[post.pk])
    client.post(edit_url, {"body": "Allowed edit"})

    refused = client.post(edit_url, {"body": "My carefully written second edit"})

    assert refused.status_code == 429
    page = body(refused)
    assert "Wait a minute" in page and "My carefully written second edit" in page
