import unicodedata
import uuid
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from papers.models import Paper

from .models import Forum


def without_control_characters(text: str) -> str:
    """Text as a person typed it: no control characters but tabs and line breaks (they
    break feeds and mail headers, and nobody means them)."""
    return "".join(c for c in text if c in "\t\n\r" or unicodedata.category(c) != "Cc")


class PostBodyField(forms.CharField):
    def to_python(self, value):
        return without_control_characters(super().to_python(value))


def body_field():
    limit = settings.FORUM_POST_MAX_CHARACTERS
    return PostBodyField(
        label="Your post",
        help_text="You can use Markdown: **bold**, *italic*, [a link](https://…), > a quote, "
        "- a list.",
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 8, "class": "govuk-textarea"}),
        error_messages={
            "required": "Write something before you post.",
            "max_length": f"Posts can be at most {limit:,} characters: this one has "
            "%(show_value)s.",
        },
        strip=True,
    )


class PostForm(forms.Form):
    body = body_field()
    # A fresh key per form shown: submitting the same form twice makes one post.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_key"].initial = uuid.uuid4()


class TopicForm(PostForm):
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
        error_messages={
            "required": "Give the topic a subject.",
            "max_length": "Keep the subject to 200 characters or fewer.",
        },
        strip=True,
    )
    field_order = ["subject", "body", "submission_key"]

    def clean_subject(self):
        # One line: a subject becomes a mail's Subject header.
        return " ".join(without_control_characters(self.cleaned_data["subject"]).split())


class EditForm(forms.Form):
    body = body_field()


# -- moderation ------------------------------------------------------------------------------


def reason_field(label="Reason (logged with your name)"):
    return forms.CharField(
        label=label,
        max_length=500,
        error_messages={
            "required": "Say why: every moderation action is logged with its reason.",
            "max_length": "Keep the reason to 500 characters or fewer.",
        },
        strip=True,
    )


class TopicModerationForm(forms.Form):
    """Pin, lock, move or hide a topic, and say why (the reason is logged)."""

    reason = reason_field()
    to_forum = forms.ModelChoiceField(
        label="Move to (only for “Move”)",
        queryset=Forum.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Choose a forum",
        error_messages={"invalid_choice": "Choose one of the forums you moderate."},
    )
    # Which button was pressed: the buttons carry it, so it is never rendered.
    action = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, other_forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_forum"].queryset = other_forums
        self.fields["reason"].widget.attrs["id"] = "topic-reason"
        self.fields["to_forum"].widget.attrs["id"] = "to-forum"

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("to_forum") or "to_forum" in self.errors
        if cleaned.get("action") == "move" and not chosen:
            self.add_error("to_forum", "Choose the forum to move the topic to.")
        return cleaned


class PostModerationForm(forms.Form):
    """Hide a post, show it again or restore it, and say why."""

    reason = reason_field()

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        reason = self.fields["reason"]
        reason.widget.attrs["id"] = f"post-reason-{post.pk}"
        reason.label = format_html(
            'Reason<span class="govuk-visually-hidden"> for moderating the post of {}</span>',
            date_format(timezone.localtime(post.created_at), "j F Y, H:i"),
        )


class ReportResolutionForm(forms.Form):
    """What a moderator did about a report, and why."""

    resolution = reason_field("What you did about it, and why (logged with your name)")

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["resolution"].widget.attrs["id"] = f"resolution-{report.pk}"


def without_default_port(host: str) -> str:
    """``host`` as a browser writes it: "testserver:80" is "testserver"."""
    host = host.lower()
    for default in (":80", ":443"):
        host = host.removesuffix(default)
    return host


class PaperField(forms.CharField):
    """A paper in the library, given by its web address (as copied from the browser: the
    full URL or its path) or by the last part of it, its slug. Cleans to the published
    ``Paper``, or ``None`` when left empty."""

    def __init__(self, *, site_hosts=(), **kwargs):
        super().__init__(**kwargs)
        # The hosts this site answers on: the one asked (request.get_host()) and its own.
        self.site_hosts = {
            without_default_port(host) for host in [*site_hosts, urlsplit(settings.SITE_URL).netloc]
        }

    def slug_from(self, value: str) -> str:
        address = urlsplit(value)
        if not address.scheme and not address.netloc and "/" not in value:
            return value  # the slug itself
        other_scheme = address.scheme and address.scheme not in {"http", "https"}
        if other_scheme or (
            address.netloc and without_default_port(address.netloc) not in self.site_hosts
        ):
            raise ValidationError(
                "That address is not on LondonConnects. Give the address of a paper in "
                "this site's library (it starts with %(example)s) or the last part of it.",
                code="other_site",
                params={"example": self.example()},
            )
        path = address.path if address.path.endswith("/") else f"{address.path}/"
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if match is None or match.view_name not in {"papers:detail", "papers:download"}:
            raise ValidationError(
                "That address is not a paper in the library. Open the paper and copy its "
                "address, which starts with %(example)s.",
                code="not_a_paper",
                params={"example": self.example()},
            )
        return match.kwargs["slug"]

    def example(self) -> str:
        return f"{settings.SITE_URL}{reverse('papers:list')}"

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        paper = Paper.objects.published().filter(slug=self.slug_from(value)).first()
        if paper is None:
            raise ValidationError(
                "There is no published paper at that address.", code="no_such_paper"
            )
        return paper


class DecisionForm(forms.Form):
    """What a topic decided, and the paper in the library that records it."""

    decision = forms.CharField(
        label="Decision summary (Markdown; leave empty to remove it)",
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"id": "decision"}),
    )

    def __init__(self, *args, site_hosts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paper"] = PaperField(
            label="A paper in the library (optional)",
            help_text="Its web address, or the last part of it.",
            required=False,
            site_hosts=site_hosts,
            widget=forms.TextInput(attrs={"id": "decision-paper"}),
        )
