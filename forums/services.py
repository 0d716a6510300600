"""What members and moderators do to the forums, each in one transaction, with the rules
(who may post, rate limit, double submit, locks) in one place."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts import throttle
from partners.models import is_partner
from registers import markup

from . import notifications
from .models import (
    Answer,
    Consultation,
    Forum,
    ModerationAction,
    Post,
    Question,
    Report,
    Suspension,
    Topic,
    TopicRead,
)


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
def moderate_topic(
    *, topic: Topic, moderator, kind: str, reason: str, to_forum=None
) -> ModerationAction:
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
    return ModerationAction.objects.create(
        moderator=moderator, kind=kind, forum=topic.forum, topic=topic, reason=reason, detail=detail
    )


POST_ACTIONS = {
    ModerationAction.Kind.HIDE_POST: {"is_hidden": True},
    ModerationAction.Kind.SHOW_POST: {"is_hidden": False},
    ModerationAction.Kind.UNDELETE_POST: {"deleted_at": None},
}


@transaction.atomic
def moderate_post(*, post: Post, moderator, kind: str, reason: str) -> ModerationAction:
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
    return ModerationAction.objects.create(
        moderator=moderator, kind=kind, forum=forum, topic=post.topic, post=post, reason=reason
    )


@transaction.atomic
def record_decision(*, topic: Topic, moderator, decision: str, paper=None) -> None:
    check_moderator(moderator, topic.forum)
    consultation = Consultation.objects.filter(topic=topic).first()
    if consultation is not None and consultation.is_open and decision:
        raise Refused(
            "The summary of views is written once the consultation closes, on "
            f"{closing_words(consultation)}.",
            status=409,
        )
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
def resolve_report(
    *, report: Report, moderator, resolution: str, hide_post: bool = False
) -> list[ModerationAction]:
    """Resolve a report, hiding the reported post first if asked; returns what was done
    (nothing if the report was resolved already)."""
    forum = report.post.topic.forum
    check_moderator(moderator, forum)
    resolution = _reason(resolution)
    report = (
        Report.objects.select_for_update().select_related("post__topic__forum").get(pk=report.pk)
    )
    if report.resolved_at is not None:
        return []  # resolved already (a double submit, or another moderator)
    done = []
    if hide_post and not report.post.is_hidden:
        done.append(
            moderate_post(
                post=report.post,
                moderator=moderator,
                kind=ModerationAction.Kind.HIDE_POST,
                reason=resolution,
            )
        )
    report.resolved_at = timezone.now()
    report.resolved_by = moderator
    report.resolution = resolution
    report.save()
    done.append(
        ModerationAction.objects.create(
            moderator=moderator,
            kind=ModerationAction.Kind.RESOLVE_REPORT,
            forum=forum,
            topic=report.post.topic,
            post=report.post,
            reason=resolution,
        )
    )
    return done


def name_of(user) -> str:
    return user.get_full_name() or user.get_username()


# What a moderator is told after each action, in words: "Post by Ann Smith hidden: abuse".
OUTCOMES = {
    ModerationAction.Kind.PIN: "pinned",
    ModerationAction.Kind.UNPIN: "unpinned",
    ModerationAction.Kind.LOCK: "locked",
    ModerationAction.Kind.UNLOCK: "unlocked",
    ModerationAction.Kind.MOVE: "moved",
    ModerationAction.Kind.HIDE_TOPIC: "hidden",
    ModerationAction.Kind.SHOW_TOPIC: "shown again",
    ModerationAction.Kind.HIDE_POST: "hidden",
    ModerationAction.Kind.SHOW_POST: "shown again",
    ModerationAction.Kind.UNDELETE_POST: "restored",
    ModerationAction.Kind.RESOLVE_REPORT: "resolved",
}


def outcome(action: ModerationAction) -> str:
    """What was done, to what, and why, as the moderator is told it."""
    done = OUTCOMES.get(action.kind, action.get_kind_display().lower())
    if action.kind == ModerationAction.Kind.RESOLVE_REPORT:
        what = f"Report on the post by {name_of(action.post.author)}"
    elif action.post_id:
        what = f"Post by {name_of(action.post.author)}"
    else:
        what = f"Topic “{action.topic.subject}”"
    if action.kind == ModerationAction.Kind.MOVE:
        done = f"moved to {action.topic.forum.name}"
    return f"{what} {done}: {action.reason}"


def moderated_forums(user):
    """The forums ``user`` moderates."""
    if not user.is_authenticated:
        return Forum.objects.none()
    if user.has_perm("forums.moderate_forums"):
        return Forum.objects.all()
    return user.moderated_forums.all()


# Who moderates, for the header's link on every signed-in page: kept in the cache, so that a
# page costs a member who moderates nothing no query (tests/registers/test_shared_pages.py).
# Any change to accounts, roles, permissions or forums' moderators forgets it (forums.apps).
ROSTER_KEY = "forums:moderator-roster"
ROSTER_SECONDS = 300


def moderator_roster() -> dict[int, bool]:
    """Every active account that moderates: its id, and True if it moderates every forum (the
    Moderator role, the permission or a superuser), False if only some."""
    roster = cache.get(ROSTER_KEY)
    if roster is None:
        permission = _moderating_permission()
        everywhere = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(user_permissions__in=permission)
                | Q(groups__permissions__in=permission)
            )
            .values_list("pk", flat=True)
        )
        roster = dict.fromkeys(
            Forum.moderators.through.objects.filter(user__is_active=True).values_list(
                "user_id", flat=True
            ),
            False,
        )
        roster.update(dict.fromkeys(everywhere, True))
        cache.set(ROSTER_KEY, roster, ROSTER_SECONDS)
    return roster


def forget_moderator_roster() -> None:
    # Now, and again after the commit, so that no one keeps the old roster read meanwhile.
    cache.delete(ROSTER_KEY)
    transaction.on_commit(lambda: cache.delete(ROSTER_KEY), robust=True)


def roles_changed(*, roles) -> None:
    """Forget the roster if a change to who holds these roles (group ids, or None when not
    known) may have changed who moderates: if one of them lets its holders moderate."""
    if roles is None or _moderating_permission().filter(group__in=roles).exists():
        forget_moderator_roster()


def _moderating_permission():
    return Permission.objects.filter(content_type__app_label="forums", codename="moderate_forums")


def account_saved(user, update_fields=None) -> None:
    """Forget the roster if saving ``user`` may have changed it: its active or superuser flag
    differs from what the roster says (signing in, which writes last_login only, cannot)."""
    if update_fields is not None and not {"is_active", "is_superuser"} & set(update_fields):
        return
    roster = cache.get(ROSTER_KEY)
    if roster is None:
        return
    listed = roster.get(user.pk)
    if not user.is_active:
        changed = listed is not None
    elif user.is_superuser:
        changed = listed is not True
    else:
        # No longer a superuser, or active again with a role: only the database knows.
        changed = listed is not None or _moderates_by_role_or_forum(user)
    if changed:
        forget_moderator_roster()


def _moderates_by_role_or_forum(user) -> bool:
    permission = _moderating_permission()
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(Q(user_permissions__in=permission) | Q(groups__permissions__in=permission))
        .exists()
        or Forum.moderators.through.objects.filter(user_id=user.pk).exists()
    )


def open_report_count(user) -> int | None:
    """How many open reports wait for ``user`` to moderate, or None if they moderate no forum:
    the same reports as the moderation page lists."""
    if not user.is_authenticated:
        return None
    everywhere = moderator_roster().get(user.pk)
    if everywhere is None:
        return None
    reports = Report.objects.filter(resolved_at__isnull=True)
    if not everywhere:
        reports = reports.filter(post__topic__forum__moderators=user)
    return reports.count()


# -- consultations --------------------------------------------------------------------------


def may_open_consultation(user, forum: Forum) -> bool:
    """The forum's moderators and the steering group open consultations."""
    return is_moderator(user, forum) or (
        user.is_authenticated and user.has_perm("forums.open_consultations")
    )


def closing_words(consultation: Consultation) -> str:
    return f"{timezone.localtime(consultation.closes_at):%d %B %Y at %H:%M}".lstrip("0")


@transaction.atomic
def open_consultation(
    *,
    forum: Forum,
    author,
    subject: str,
    body: str,
    closes_at,
    questions: list[tuple[str, list[str]]],
    submission_key=None,
) -> Topic:
    """A new topic with its opening post, and the consultation it holds: its questions, each
    with its choices, taking answers until ``closes_at``."""
    if not may_open_consultation(author, forum):
        raise Refused("Only the forum's moderators and the steering group open consultations.")
    if closes_at <= timezone.now():
        raise Refused("The closing date must be in the future.", status=400)
    if not questions:
        raise Refused("Ask at least one question.", status=400)
    topic = start_topic(
        forum=forum, author=author, subject=subject, body=body, submission_key=submission_key
    )
    if Consultation.objects.filter(topic=topic).exists():  # a double submit: made already
        return topic
    consultation = Consultation.objects.create(topic=topic, closes_at=closes_at, opened_by=author)
    Question.objects.bulk_create(
        Question(consultation=consultation, position=position, text=text, choices=choices)
        for position, (text, choices) in enumerate(questions, start=1)
    )
    return topic


def check_may_answer(user, consultation: Consultation) -> None:
    """Raise Refused unless ``user`` may answer ``consultation`` now."""
    if not user.is_authenticated:
        raise Refused("Sign in with your partner account to answer.", status=401)
    if not is_partner(user):
        raise Refused(
            "Only accounts that belong to a partner organisation can answer: the views are "
            "counted by organisation and sector."
        )
    suspension = suspension_of(user)
    if suspension is not None:
        raise Refused(f"You cannot take part while suspended: {suspension.reason}")
    if not consultation.is_open:
        raise Refused(
            f"This consultation closed on {closing_words(consultation)}: it takes no more answers.",
            status=409,
        )


@transaction.atomic
def answer_consultation(
    *, consultation: Consultation, user, answers: dict[int, tuple[str, str]]
) -> list[Answer]:
    """Record ``user``'s answers (question id: (choice, comment)), replacing the answers they
    gave before: one answer per person per question, changeable until the consultation
    closes. The organisation recorded is the one they belong to now."""
    # Locked, so that an answer and a change to the closing date cannot pass each other.
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    check_may_answer(user, consultation)
    questions = {question.pk: question for question in consultation.questions.all()}
    organisation = user.membership.organisation
    now = timezone.now()
    saved = []
    for question_id, (choice, comment) in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise Refused("That question is not part of this consultation.", status=400)
        if choice not in question.choices:
            raise Refused(f"Choose one of the answers offered to “{question.text}”.", status=400)
        answer, _created = Answer.objects.update_or_create(
            question=question,
            user=user,
            defaults={
                "organisation": organisation,
                "choice": choice,
                "comment": comment,
                "updated_at": now,
            },
            create_defaults={
                "organisation": organisation,
                "choice": choice,
                "comment": comment,
                "created_at": now,
                "updated_at": now,
            },
        )
        saved.append(answer)
    return saved
