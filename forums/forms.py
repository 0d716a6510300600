import unicodedata
import uuid

from django import forms
from django.conf import settings


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
