"""What members and moderators do to the forums, each in one transaction, with the rules
(who may post, rate limit, double submit, locks) in one place."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from contacts.models import is_partner

from . import markup
from .models import Forum, Post, Suspension, Topic, TopicRead


class Refused(Exception):
    """An action the user may not take now, with the reason in their words."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.message = message
        self.status = status


def can_read(user, forum: Forum) -> bool:
    return forum.is_public or is_partner(user)


def is_moderator(user, forum: Forum) -> bool:
    if not user.is_authenticated:
        return False
    return user.has_perm("forums.moderate_forums") or forum.moderators.filter(pk=user.pk).exists()


def suspension_of(user) -> Suspension | None:
    suspension = Suspension.objects.filter(user=user).first() if user.is_authenticated else None
    return suspension if suspension is not None and suspension.is_active else None


def check_may_write(user, topic: Topic | None = None) -> None:
    """Raise Refused unless ``user`` may post or edit now (in ``topic``, if given)."""
    if not user.is_authenticated:
        raise Refused("Sign in with your partner account to post.", status=401)
    if not is_partner(user):
        raise Refused("Only accounts that belong to a partner organisation can post.")
    suspension = suspension_of(user)
    if suspension is not None:
        until = f" until {suspension.until:%d %B %Y}" if suspension.until else ""
        raise Refused(f"You cannot post{until}: {suspension.reason}")
    if topic is not None and topic.is_locked:
        raise Refused("This topic is locked: it takes no more replies.")


def check_rate(user) -> None:
    limit = settings.FORUM_POSTS_PER_MINUTE
    since = timezone.now() - datetime.timedelta(minutes=1)
    if Post.objects.filter(author=user, created_at__gte=since).count() >= limit:
        raise Refused(
            f"You have posted {limit} times in the last minute. Wait a minute, then post "
            "again: your text is still in the form.",
            status=429,
        )


def _existing(author, submission_key) -> Post | None:
    if submission_key is None or not author.is_authenticated:
        return None
    return Post.objects.filter(author=author, submission_key=submission_key).first()


def _create_post(*, topic, author, body, submission_key) -> Post:
    try:
        with transaction.atomic():
            return Post.objects.create(
                topic=topic,
                author=author,
                body=body,
                body_html=markup.render(body),
                submission_key=submission_key,
            )
    except IntegrityError:
        # The same form, submitted twice at once: the other request made the post.
        existing = _existing(author, submission_key)
        if existing is None:
            raise
        return existing


@transaction.atomic
def start_topic(*, forum: Forum, author, subject: str, body: str, submission_key=None) -> Topic:
    if (existing := _existing(author, submission_key)) is not None:
        return existing.topic
    check_may_write(author)
    check_rate(author)
    topic = Topic.objects.create(forum=forum, subject=subject, author=author)
    post = _create_post(topic=topic, author=author, body=body, submission_key=submission_key)
    if post.topic_id != topic.pk:  # lost a double-submit race: drop the empty topic
        topic.delete()
        return post.topic
    refresh_counts(topic)
    return topic


@transaction.atomic
def reply(*, topic: Topic, author, body: str, submission_key=None) -> Post:
    if (existing := _existing(author, submission_key)) is not None:
        return existing
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    check_may_write(author, topic)
    check_rate(author)
    post = _create_post(topic=topic, author=author, body=body, submission_key=submission_key)
    refresh_counts(topic)
    return post


@transaction.atomic
def edit_post(*, post: Post, user, body: str) -> Post:
    if post.author_id != user.pk:
        raise Refused("You can edit only your own posts.")
    check_may_write(user, post.topic)
    if not post.is_shown:
        raise Refused("This post has been removed.", status=404)
    post.body = body
    post.body_html = markup.render(body)
    post.edited_at = timezone.now()
    post._history_user = user
    post.save()
    return post


@transaction.atomic
def delete_post(*, post: Post, user) -> None:
    """The author's own delete: soft, so a moderator can undo it."""
    if post.author_id != user.pk:
        raise Refused("You can delete only your own posts.")
    check_may_write(user)
    post.deleted_at = timezone.now()
    post._history_user = user
    post.save()
    refresh_counts(post.topic)


@transaction.atomic
def undelete_posts(posts, moderator) -> int:
    """A moderator undoes authors' deletes; each post keeps a version saying who did."""
    restored = 0
    for post in posts.select_related("topic__forum"):
        post.deleted_at = None
        post._history_user = moderator
        post.save()
        refresh_counts(post.topic)
        restored += 1
    return restored


def refresh_counts(topic: Topic) -> None:
    """Recount a topic and its forum from what readers see (cheap: writes are rare)."""
    shown = Post.objects.shown().filter(topic=topic)
    last = shown.order_by("-created_at", "-pk").first()
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=max(shown.count() - 1, 0),
        last_post=last,
        last_post_at=last.created_at if last else topic.created_at,
    )
    forum = topic.forum
    visible_posts = Post.objects.shown().filter(topic__forum=forum, topic__is_hidden=False)
    totals = Topic.objects.shown().filter(forum=forum).aggregate(n=Count("pk"))
    Forum.objects.filter(pk=forum.pk).update(
        topic_count=totals["n"],
        post_count=visible_posts.count(),
        last_post=visible_posts.order_by("-created_at", "-pk").first(),
    )


def mark_read(user, topic: Topic) -> None:
    if user.is_authenticated:
        TopicRead.objects.update_or_create(
            user=user, topic=topic, defaults={"read_at": timezone.now()}
        )


def unread_topic_ids(user, topics) -> set[int]:
    """Of ``topics``, those with posts newer than ``user`` last read them (all, if never)."""
    if not user.is_authenticated:
        return set()
    ids = [topic.pk for topic in topics]
    read = dict(
        TopicRead.objects.filter(user=user, topic_id__in=ids).values_list("topic_id", "read_at")
    )
    return {t.pk for t in topics if t.pk not in read or t.last_post_at > read[t.pk]}
