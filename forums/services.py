"""What members and moderators do to the forums, each in one transaction, with the rules
(who may post, rate limit, double submit, locks) in one place."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from accounts import throttle
from partners.models import is_partner
from registers import markup

from . import notifications
from .models import Forum, ModerationAction, Post, Report, Suspension, Topic, TopicRead


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
    """Count one post or edit against the member's limit, or refuse it. Counted atomically in
    the caller's transaction, so concurrent posts cannot pass the limit and a post that fails
    gives its turn back."""
    limit = settings.FORUM_POSTS_PER_MINUTE
    if not throttle.take(f"forum-writes:{user.pk}", limit=limit, window=timedelta(minutes=1)):
        raise Refused(
            f"You have posted or edited {limit} times in the last minute. Wait a minute, then "
            "try again: your text is still in the form.",
            status=429,
        )


USED_FORM = "This form was already used for another post. Your text is below: post it again."


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
        if existing.topic.forum_id != forum.pk:
            raise Refused(USED_FORM, status=400)
        return existing.topic
    check_may_write(author)
    check_rate(author)
    topic = Topic.objects.create(forum=forum, subject=subject, author=author)
    post = _create_post(topic=topic, author=author, body=body, submission_key=submission_key)
    if post.topic_id != topic.pk:  # lost a double-submit race: drop the empty topic
        topic.delete()
        return post.topic
    refresh_counts(topic)
    notifications.watch(author, topic=topic, automatic=True)
    notifications.notify_after_commit(post)
    return topic


@transaction.atomic
def reply(*, topic: Topic, author, body: str, submission_key=None) -> Post:
    if (existing := _existing(author, submission_key)) is not None:
        if existing.topic_id != topic.pk:
            raise Refused(USED_FORM, status=400)
        return existing
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    check_may_write(author, topic)
    check_rate(author)
    post = _create_post(topic=topic, author=author, body=body, submission_key=submission_key)
    refresh_counts(topic)
    notifications.watch(author, topic=topic, automatic=True)
    notifications.notify_after_commit(post)
    return post


@transaction.atomic
def edit_post(*, post: Post, user, body: str) -> Post:
    if post.author_id != user.pk:
        raise Refused("You can edit only your own posts.")
    check_may_write(user, post.topic)
    if not post.is_shown:
        raise Refused("This post has been removed.", status=404)
    check_rate(user)
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


@transaction.atomic
def refresh_counts(topic: Topic) -> None:
    """Recount a topic and its forum from what readers see (cheap: writes are rare)."""
    shown = Post.objects.shown().filter(topic=topic)
    last = shown.order_by("-created_at", "-pk").first()
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=max(shown.count() - 1, 0),
        last_post=last,
        last_post_at=last.created_at if last else topic.created_at,
    )
    refresh_forum(topic.forum)


@transaction.atomic
def refresh_forum(forum: Forum) -> None:
    # The forum row is locked while it is counted, so two replies in different topics
    # cannot each write a total that misses the other.
    Forum.objects.select_for_update().filter(pk=forum.pk).first()
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


# -- moderation ---------------------------------------------------------------------------

TOPIC_ACTIONS = {
    # kind: (field, value)
    ModerationAction.Kind.PIN: ("is_pinned", True),
    ModerationAction.Kind.UNPIN: ("is_pinned", False),
    ModerationAction.Kind.LOCK: ("is_locked", True),
    ModerationAction.Kind.UNLOCK: ("is_locked", False),
    ModerationAction.Kind.HIDE_TOPIC: ("is_hidden", True),
    ModerationAction.Kind.SHOW_TOPIC: ("is_hidden", False),
}


def check_moderator(user, forum: Forum) -> None:
    if not is_moderator(user, forum):
        raise Refused("Only the forum's moderators can do this.")


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise Refused("Say why: every moderation action is logged with its reason.", status=400)
    return reason[:500]


@transaction.atomic
def moderate_topic(*, topic: Topic, moderator, kind: str, reason: str, to_forum=None) -> None:
    check_moderator(moderator, topic.forum)
    reason = _reason(reason)
    topic = Topic.objects.select_for_update().select_related("forum").get(pk=topic.pk)
    detail = ""
    if kind == ModerationAction.Kind.MOVE:
        if to_forum is None or to_forum.pk == topic.forum_id:
            raise Refused("Choose another forum to move the topic to.", status=400)
        check_moderator(moderator, to_forum)
        old_forum = topic.forum
        detail = f"from {old_forum.name} to {to_forum.name}"
        topic.forum = to_forum
        topic._history_user = moderator
        topic.save()
        refresh_counts(Topic(pk=topic.pk, forum=old_forum, created_at=topic.created_at))
    elif kind in TOPIC_ACTIONS:
        field, value = TOPIC_ACTIONS[kind]
        setattr(topic, field, value)
        topic._history_user = moderator
        topic.save()
    else:
        raise Refused("That is not something a moderator can do to a topic.", status=400)
    refresh_counts(topic)
    ModerationAction.objects.create(
        moderator=moderator, kind=kind, forum=topic.forum, topic=topic, reason=reason, detail=detail
    )


POST_ACTIONS = {
    ModerationAction.Kind.HIDE_POST: {"is_hidden": True},
    ModerationAction.Kind.SHOW_POST: {"is_hidden": False},
    ModerationAction.Kind.UNDELETE_POST: {"deleted_at": None},
}


@transaction.atomic
def moderate_post(*, post: Post, moderator, kind: str, reason: str) -> None:
    forum = post.topic.forum
    check_moderator(moderator, forum)
    reason = _reason(reason)
    if kind not in POST_ACTIONS:
        raise Refused("That is not something a moderator can do to a post.", status=400)
    for field, value in POST_ACTIONS[kind].items():
        setattr(post, field, value)
    post._history_user = moderator
    post.save()
    refresh_counts(post.topic)
    ModerationAction.objects.create(
        moderator=moderator, kind=kind, forum=forum, topic=post.topic, post=post, reason=reason
    )


@transaction.atomic
def record_decision(*, topic: Topic, moderator, decision: str, paper=None) -> None:
    check_moderator(moderator, topic.forum)
    topic.decision = decision
    topic.decision_html = markup.render(decision) if decision else ""
    topic.decision_paper = paper
    topic._history_user = moderator
    topic.save()
    ModerationAction.objects.create(
        moderator=moderator,
        kind=ModerationAction.Kind.DECISION,
        forum=topic.forum,
        topic=topic,
        reason="Decision recorded" if decision else "Decision removed",
        detail=f"paper: {paper.title}"[:300] if paper else "",
    )


@transaction.atomic
def report_post(*, post: Post, reporter, reason: str) -> Report:
    if not reporter.is_authenticated or not is_partner(reporter):
        raise Refused("Sign in with your partner account to report a post.", status=403)
    reason = " ".join((reason or "").split())
    if not reason:
        raise Refused("Say what is wrong with the post.", status=400)
    report, _created = Report.objects.get_or_create(
        post=post, reporter=reporter, resolved_at=None, defaults={"reason": reason[:500]}
    )
    return report


@transaction.atomic
def resolve_report(*, report: Report, moderator, resolution: str) -> None:
    forum = report.post.topic.forum
    check_moderator(moderator, forum)
    resolution = _reason(resolution)
    if report.resolved_at is not None:
        return  # resolved already (a double submit, or another moderator)
    report.resolved_at = timezone.now()
    report.resolved_by = moderator
    report.resolution = resolution
    report.save()
    ModerationAction.objects.create(
        moderator=moderator,
        kind=ModerationAction.Kind.RESOLVE_REPORT,
        forum=forum,
        topic=report.post.topic,
        post=report.post,
        reason=resolution,
    )


def moderated_forums(user):
    """The forums ``user`` moderates."""
    if not user.is_authenticated:
        return Forum.objects.none()
    if user.has_perm("forums.moderate_forums"):
        return Forum.objects.all()
    return user.moderated_forums.all()
