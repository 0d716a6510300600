import datetime
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
from registers.forms import date_hint

from .models import (
    ANSWER_COMMENT_MAX_CHARACTERS,
    CHOICE_MAX_LENGTH,
    DEFAULT_CHOICES,
    QUESTIONS_MAX,
    Forum,
)


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


# -- consultations ---------------------------------------------------------------------------


class ConsultationForm(TopicForm):
    """A consultation: the topic and its opening post, the closing date and up to ten
    questions, each with its choices (the usual four unless others are given)."""

    closes_on = forms.DateField(
        label="Closing date",
        error_messages={
            "required": "Give the closing date.",
            "invalid": "Give the closing date as a date, for example 27/03/2027.",
        },
    )
    field_order = ["subject", "body", "closes_on", "submission_key"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "closes_on"
        ].help_text = f"Answers are taken until the end of this day, London time. {date_hint()}"
        self.fields["body"].label = "What the consultation is about"
        for number in range(1, QUESTIONS_MAX + 1):
            self.fields[f"question_{number}"] = forms.CharField(
                label=f"Question {number}",
                max_length=300,
                required=number == 1,
                strip=True,
                error_messages={
                    "required": "Ask at least one question.",
                    "max_length": "Keep each question to 300 characters or fewer.",
                },
            )
            self.fields[f"choices_{number}"] = forms.CharField(
                label=f"Answers offered to question {number}, one a line",
                required=False,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Leave empty for: " + ", ".join(DEFAULT_CHOICES) + ".",
            )

    def question_fields(self):
        """(question, choices) bound fields, for the template."""
        return [
            (self[f"question_{number}"], self[f"choices_{number}"])
            for number in range(1, QUESTIONS_MAX + 1)
        ]

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise ValidationError("The closing date must be today or later.")
        return closes_on

    def clean(self):
        cleaned = super().clean()
        questions = []
        for number in range(1, QUESTIONS_MAX + 1):
            text = " ".join(
                without_control_characters(cleaned.get(f"question_{number}") or "").split()
            )
            lines = without_control_characters(cleaned.get(f"choices_{number}") or "").splitlines()
            choices = list(dict.fromkeys(" ".join(line.split()) for line in lines if line.strip()))
            if not text:
                if choices:
                    self.add_error(
                        f"question_{number}", "Write the question, or remove its answers."
                    )
                continue
            if not choices:
                choices = list(DEFAULT_CHOICES)
            if len(choices) < 2:
                self.add_error(f"choices_{number}", "Offer at least two answers, one a line.")
            elif len(choices) > 10:
                self.add_error(f"choices_{number}", "Offer at most ten answers.")
            elif any(len(choice) > CHOICE_MAX_LENGTH for choice in choices):
                self.add_error(
                    f"choices_{number}",
                    f"Keep each answer to {CHOICE_MAX_LENGTH} characters or fewer.",
                )
            questions.append((text, choices))
        cleaned["questions"] = questions
        return cleaned

    def closes_at(self):
        """The end of the closing day in London (so pages kept for the day stay right)."""
        end_of_day = datetime.time(23, 59, 59, 999999)
        return timezone.make_aware(
            datetime.datetime.combine(self.cleaned_data["closes_on"], end_of_day)
        )


class RadioGroup(forms.RadioSelect):
    """Radios whose group is labelled by its first radio in the error summary's link (Django
    gives a radio group no id to link to)."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class AnswerForm(forms.Form):
    """A partner's answers to every question of a consultation: one choice each, and an
    optional comment."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"choice_{question.pk}"] = forms.ChoiceField(
                label=f"{question.position}. {question.text}",
                choices=[(choice, choice) for choice in question.choices],
                widget=RadioGroup,
                error_messages={
                    "required": f"Choose an answer to question {question.position}.",
                    "invalid_choice": f"Choose one of the answers offered to question "
                    f"{question.position}.",
                },
            )
            self.fields[f"comment_{question.pk}"] = PostBodyField(
                label=f"Comment on question {question.position} (optional)",
                required=False,
                max_length=ANSWER_COMMENT_MAX_CHARACTERS,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": f"Keep each comment to {ANSWER_COMMENT_MAX_CHARACTERS:,} "
                    "characters or fewer: this one has %(show_value)s.",
                },
            )

    def question_fields(self):
        return [
            (question, self[f"choice_{question.pk}"], self[f"comment_{question.pk}"])
            for question in self.questions
        ]

    def answers(self) -> dict[int, tuple[str, str]]:
        return {
            question.pk: (
                self.cleaned_data[f"choice_{question.pk}"],
                self.cleaned_data[f"comment_{question.pk}"],
            )
            for question in self.questions
        }
