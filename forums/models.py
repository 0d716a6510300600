"""Discussion forums: forums hold topics, topics hold posts.

Counts and "latest post" are kept on the forum and the topic (updated in the same
transaction as the post), so the forum index and topic lists cost a fixed number of queries
however many forums, topics and posts there are.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.models import is_partner
from registers.fields import POSITION, POSITION_HELP, WEB_ADDRESS, WEB_ADDRESS_HELP
from registers.search import SearchableQuerySet


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone reads, partners post"
    PARTNERS = "partners", "Partners only: only signed-in partners read"


# Forums live at /forums/<slug>/, beside these fixed addresses.
RESERVED_SLUGS = {"posts", "moderation", "reports", "settings", "unsubscribe", "consultations"}


def not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"“{slug}” is used by another page of the forums.")


class ForumQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_partner(user):
            return self
        return self.filter(visibility=Visibility.PUBLIC)


class Forum(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        WEB_ADDRESS,
        max_length=100,
        unique=True,
        validators=[not_reserved],
        help_text=WEB_ADDRESS_HELP,
    )
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(POSITION, default=0, help_text=POSITION_HELP)
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


class TopicQuerySet(SearchableQuerySet):
    def shown(self):
        """What readers of a forum see: not hidden by a moderator."""
        return self.filter(is_hidden=False)

    def visible_to(self, user):
        """What ``user`` may read in the forums; moderators see hidden topics in the admin."""
        return self.shown().filter(forum__in=Forum.objects.visible_to(user))

    def started_in(self, year: int):
        """Started in the year, by London's calendar (the forum's filter and the annual
        review's figure)."""
        return self.filter(created_at__year=year)


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
    # What the discussion concluded, written by a moderator.
    decision = models.TextField(blank=True, help_text="Markdown.")
    decision_html = models.TextField(blank=True, editable=False)
    decision_paper = models.ForeignKey(
        "papers.Paper",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decided_topics",
        help_text="A paper in the library that records or follows from the decision.",
    )
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=[
            "reply_count",
            "last_post",
            "last_post_at",
            "decision_html",
            "search_vector",
        ]
    )

    search_document = (("subject", "A"), ("decision", "B"))

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["forum", "-is_pinned", "-last_post_at"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("forums:topic", kwargs={"slug": self.forum.slug, "topic_id": self.pk})


class PostQuerySet(SearchableQuerySet):
    def shown(self):
        return self.filter(is_hidden=False, deleted_at__isnull=True)

    def visible_to(self, user):
        """What ``user`` may read in the forums: a shown post of a topic they may read."""
        return self.shown().filter(
            topic__is_hidden=False, topic__forum__in=Forum.objects.visible_to(user)
        )


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
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["body_html", "submission_key", "search_vector"])

    search_document = (("body", "B"),)

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


class ModerationAction(models.Model):
    """One thing a moderator did: who, when, to what, and why. Never edited or deleted."""

    class Kind(models.TextChoices):
        PIN = "pin", "Pinned the topic"
        UNPIN = "unpin", "Unpinned the topic"
        LOCK = "lock", "Locked the topic"
        UNLOCK = "unlock", "Unlocked the topic"
        MOVE = "move", "Moved the topic"
        HIDE_TOPIC = "hide-topic", "Hid the topic"
        SHOW_TOPIC = "show-topic", "Showed the topic again"
        HIDE_POST = "hide-post", "Hid the post"
        SHOW_POST = "show-post", "Showed the post again"
        UNDELETE_POST = "undelete-post", "Restored the post its author deleted"
        RESOLVE_REPORT = "resolve-report", "Resolved a report"
        DECISION = "decision", "Recorded the decision"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderation_actions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="moderation_log")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.CASCADE)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    reason = models.CharField(max_length=500)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.moderator}, {self.created_at:%Y-%m-%d})"


class Report(models.Model):
    """A member's report of a post, for the moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports"
    )
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_report_per_reporter",
            )
        ]

    def __str__(self):
        return f"Report on post {self.post_id} by {self.reporter}"


class MailChoice(models.TextChoices):
    IMMEDIATE = "immediate", "A mail for each new post"
    DIGEST = "digest", "One mail a day, with the day's new posts"
    NONE = "none", "No mail"


class ForumProfile(models.Model):
    """A member's forum settings."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_profile"
    )
    mail = models.CharField(max_length=10, choices=MailChoice.choices, default=MailChoice.IMMEDIATE)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Forum settings of {self.user}"


class Subscription(models.Model):
    """A member watching a topic, or a whole forum. ``muted`` remembers an unsubscribe, so
    replying again does not quietly watch the topic once more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    forum = models.ForeignKey(
        Forum, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    muted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="watch_topic_once"),
            models.UniqueConstraint(fields=["user", "forum"], name="watch_forum_once"),
            models.CheckConstraint(
                condition=models.Q(topic__isnull=True) ^ models.Q(forum__isnull=True),
                name="watch_a_topic_or_a_forum",
            ),
        ]

    def __str__(self):
        return f"{self.user} watches {self.topic or self.forum}"


# -- consultations --------------------------------------------------------------------------

DEFAULT_CHOICES = ["Agree", "Partly agree", "Disagree", "Don't know"]
CHOICE_MAX_LENGTH = 60
ANSWER_COMMENT_MAX_CHARACTERS = 2000
QUESTIONS_MAX = 10


def default_choices() -> list[str]:
    return list(DEFAULT_CHOICES)


class ConsultationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Consultations whose topic ``user`` may read."""
        return self.filter(topic__in=Topic.objects.visible_to(user))

    def open(self):
        return self.filter(closes_at__gt=timezone.now())

    def closed(self):
        return self.filter(closes_at__lte=timezone.now())

    def held_in(self, year: int):
        """Opened in the year, by London's calendar (the annual review's figure)."""
        return self.filter(created_at__year=year)

    def for_list(self):
        return self.select_related("topic__forum").annotate(
            respondents=models.Count("questions__answers__user", distinct=True)
        )


class Consultation(models.Model):
    """A forum topic that asks a few single-choice questions, until it closes: each partner
    answers once per question, and the topic shows the tally by sector and sub-region."""

    topic = models.OneToOneField(Topic, on_delete=models.CASCADE, related_name="consultation")
    closes_at = models.DateTimeField(
        db_index=True, help_text="Answers are taken until this moment (London time)."
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    history = HistoricalRecords()

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["closes_at", "pk"]
        permissions = [("open_consultations", "Can open a consultation in any forum")]

    def __str__(self):
        return f"Consultation: {self.topic.subject}"

    def get_absolute_url(self):
        return self.topic.get_absolute_url()

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.closes_at


class Question(models.Model):
    """One single-choice question of a consultation. Its choices are a list of labels, in
    order: an answer stores the label it chose."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    choices = models.JSONField(default=default_choices)

    class Meta:
        ordering = ["consultation", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="question_position_once"
            )
        ]

    def __str__(self):
        return self.text


class Answer(models.Model):
    """A partner's answer to one question, with the organisation they answered for."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # An account deleted later leaves its organisation's answer in the tally.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultation_answers",
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="consultation_answers"
    )
    choice = models.CharField(max_length=CHOICE_MAX_LENGTH)
    comment = models.TextField(blank=True, max_length=ANSWER_COMMENT_MAX_CHARACTERS)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "user"], name="one_answer_per_person_per_question"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.choice} to {self.question}"
