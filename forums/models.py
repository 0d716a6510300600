"""Discussion forums: forums hold topics, topics hold posts.

Counts and "latest post" are kept on the forum and the topic (updated in the same
transaction as the post), so the forum index and topic lists cost a fixed number of queries
however many forums, topics and posts there are.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from contacts.models import is_partner


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone reads, partners post"
    PARTNERS = "partners", "Partners only: only signed-in partners read"


class ForumQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_partner(user):
            return self
        return self.filter(visibility=Visibility.PUBLIC)


class Forum(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_forums",
        help_text="Moderators of this forum only, besides everyone with the Moderator role.",
    )
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords(excluded_fields=["topic_count", "post_count", "last_post"])

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        permissions = [("moderate_forums", "Can moderate every forum")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forums:forum", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class TopicQuerySet(models.QuerySet):
    def shown(self):
        """What readers of a forum see: not hidden by a moderator."""
        return self.filter(is_hidden=False)


class Topic(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="topics")
    subject = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_topics"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    is_pinned = models.BooleanField("pinned", default=False)
    is_locked = models.BooleanField("locked", default=False)
    is_hidden = models.BooleanField("hidden", default=False)
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    history = HistoricalRecords(excluded_fields=["reply_count", "last_post", "last_post_at"])

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["forum", "-is_pinned", "-last_post_at"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("forums:topic", kwargs={"slug": self.forum.slug, "topic_id": self.pk})


class PostQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_hidden=False, deleted_at__isnull=True)


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_hidden = models.BooleanField("hidden by a moderator", default=False)
    # The form's one-time key: a double submit finds the post it already made.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["body_html", "submission_key"])

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["author", "submission_key"], name="post_submitted_once")
        ]

    def __str__(self):
        return f"Post {self.pk} in {self.topic}"

    def get_absolute_url(self):
        return f"{self.topic.get_absolute_url()}?post={self.pk}#post-{self.pk}"

    @property
    def is_shown(self) -> bool:
        return not self.is_hidden and self.deleted_at is None


class TopicRead(models.Model):
    """When a reader last saw a topic: newer posts make it unread for them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="topic_read_once")]

    def __str__(self):
        return f"{self.user} read {self.topic} at {self.read_at:%Y-%m-%d %H:%M}"


class Suspension(models.Model):
    """A member who may read but not post or edit, until a date or for good."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_suspension"
    )
    reason = models.CharField(max_length=300)
    until = models.DateTimeField(null=True, blank=True, help_text="Blank: until lifted.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.user} suspended"

    @property
    def is_active(self) -> bool:
        return self.until is None or self.until > timezone.now()
