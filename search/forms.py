from django import forms

from .sources import SOURCES

MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search LondonConnects",
        required=False,
        max_length=MAX_LENGTH,
        error_messages={"max_length": f"Search for {MAX_LENGTH} characters or fewer."},
    )
    register = forms.ChoiceField(
        label="Look in",
        required=False,
        choices=[("", "Every register")] + [(s.key, s.name.capitalize()) for s in SOURCES],
        error_messages={"invalid_choice": "“%(value)s” is not a register the site search knows."},
    )
