"""Mail to the members watching a topic or forum: one per new post, or a daily digest.

Posting never waits for a mail server: the post's transaction commits, then a task is
enqueued (Django's tasks framework, via the django-tasks backport) that sends the mails.
Each mail carries a one-click unsubscribe link (RFC 8058).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from partners.models import is_partner
from registers.mail import one_click_message

from .models import ForumProfile, MailChoice, Post, Subscription, Visibility

SALT = "forums.unsubscribe"


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps({"subscription": subscription.pk}, salt=SALT)


def digest_token(user) -> str:
    return signing.dumps({"digest": user.pk}, salt=SALT)


def what_token_stops(token: str) -> Subscription | ForumProfile | None:
    """The subscription, or the digest (a member's forum profile), a signed link stops."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    if "subscription" in payload:
        return (
            Subscription.objects.filter(pk=payload["subscription"])
            .select_related("topic", "forum")
            .first()
        )
    if "digest" in payload:
        return ForumProfile.objects.filter(user_id=payload["digest"]).first()
    return None


def stop(target) -> None:
    if isinstance(target, ForumProfile):
        target.mail = MailChoice.NONE
        target.save(update_fields=["mail"])
    else:
        unwatch(target)


def _link(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('forums:unsubscribe', args=[token])}"


def unsubscribe_url(subscription: Subscription) -> str:
    return _link(unsubscribe_token(subscription))


def watch(user, *, topic=None, forum=None, automatic=False) -> Subscription:
    """Watch a topic or forum. An automatic watch (on posting) respects an earlier
    unsubscribe; a watch the member asks for lifts it."""
    subscription, created = Subscription.objects.get_or_create(user=user, topic=topic, forum=forum)
    if subscription.muted and not automatic:
        subscription.muted = False
        subscription.save(update_fields=["muted"])
    return subscription


def unwatch(subscription: Subscription) -> None:
    subscription.muted = True
    subscription.save(update_fields=["muted"])


def watchers(post: Post):
    """(user, subscription) of everyone to tell about ``post``: watching its topic or its
    forum, able to read it, not its author. A topic watch wins over a forum watch."""
    topic = post.topic
    subscriptions = (
        Subscription.objects.filter(Q(topic=topic) | Q(forum=topic.forum), muted=False)
        .exclude(user=post.author)
        .select_related("user__membership")
        .order_by("forum_id")  # topic watches (forum_id NULL) first
    )
    seen = set()
    for subscription in subscriptions:
        user = subscription.user
        if user.pk in seen or not user.is_active or not user.email:
            continue
        if topic.forum.visibility == Visibility.PARTNERS and not is_partner(user):
            continue
        seen.add(user.pk)
        yield user, subscription


def mail_preference(user) -> str:
    profile = ForumProfile.objects.filter(user=user).first()
    return profile.mail if profile else MailChoice.IMMEDIATE


@task()
def send_post_notifications(post_id: int) -> int:
    post = (
        Post.objects.shown()
        .filter(pk=post_id, topic__is_hidden=False)
        .select_related("topic__forum", "author")
        .first()
    )
    if post is None:
        return 0
    messages = [
        one_click_message(
            user,
            unsubscribe_url(subscription),
            f"New post in “{' '.join(post.topic.subject.split())}”",
            "forums/mail/new_post.txt",
            {"post": post, "topic": post.topic},
        )
        for user, subscription in watchers(post)
        if mail_preference(user) == MailChoice.IMMEDIATE
    ]
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def notify_after_commit(post: Post) -> None:
    transaction.on_commit(lambda: send_post_notifications.enqueue(post.pk))


def send_digests(now: datetime.datetime | None = None) -> int:
    """One mail per member who chose the digest, with the posts since their last one."""
    now = now or timezone.now()
    sent = 0
    for profile in ForumProfile.objects.filter(mail=MailChoice.DIGEST).select_related("user"):
        since = profile.last_digest_at or now - datetime.timedelta(days=1)
        user = profile.user
        posts = (
            Post.objects.shown()
            .filter(created_at__gt=since, created_at__lte=now, topic__is_hidden=False)
            .exclude(author=user)
            .select_related("topic__forum", "author")
            .order_by("topic_id", "created_at")
        )
        wanted = []
        for post in posts:
            if any(watcher.pk == user.pk for watcher, _watching in watchers(post)):
                wanted.append(post)
        if wanted:
            one_click_message(
                user,
                _link(digest_token(user)),
                f"LondonConnects forums: {len(wanted)} new post{'s' if len(wanted) > 1 else ''}",
                "forums/mail/digest.txt",
                {"posts": wanted},
            ).send()
            sent += 1
        profile.last_digest_at = now
        profile.save(update_fields=["last_digest_at"])
    return sent
