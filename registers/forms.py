import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import get_format
from taggit.models import Tag

from .tags import near_duplicates, nearest_themes
from .widgets import ThemesInput


def date_hint() -> str:
    """How to type a date, in the format the admin's date fields show and read first."""
    example = datetime.date(2024, 3, 27).strftime(get_format("DATE_INPUT_FORMATS")[0])
    return f"For example, {example}."


class RegisterEntryAdminForm(forms.ModelForm):
    """The admin form of every register entry.

    It carries the version of the entry it was opened on, and refuses to save over a newer
    one: when two officers edit the same entry, the second save of a stale form is refused and
    the first edit is kept (optimistic locking, checked under a row lock where the database
    has one).
    """

    edit_version = forms.CharField(widget=forms.HiddenInput, required=False)
    # Shown (as a checkbox) only to an editor whose new theme looks like an existing one.
    add_new_themes_anyway = forms.BooleanField(
        label="Add as a new theme anyway",
        required=False,
        widget=forms.HiddenInput,
        help_text="Tick only if the theme is really new, not another way of writing an "
        "existing one: themes that differ split the register's theme lists.",
    )
    # Whether the person filling the form may add themes to the shared vocabulary (editors);
    # the admin's get_form says.
    may_add_themes = False

    STALE_MESSAGE = (
        "Someone else saved this entry at %(when)s%(who)s, after you opened it. Your changes "
        "have not been saved, so theirs are not lost. Open the entry again to see their "
        "changes, then make yours."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.updated_at.isoformat()
        if "tags" in self.fields:
            self.fields["tags"].widget = ThemesInput(
                attrs={"data-new-themes": "true" if self.may_add_themes else "false"}
            )
        else:
            del self.fields["add_new_themes_anyway"]
        # Every date field says how to type a date (shown beside it, and read with it).
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.help_text = " ".join(
                    str(text) for text in [date_hint(), field.help_text] if text
                )

    def clean(self):
        cleaned = super().clean()
        self.check_new_themes(cleaned)
        if not self.instance.pk:
            return cleaned
        model = type(self.instance)
        current = (
            model._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is not None and cleaned.get("edit_version") != current.isoformat():
            latest = self.instance.history.order_by("-history_date").select_related("history_user")
            editor = latest.first().history_user if latest.exists() else None
            raise forms.ValidationError(
                self.STALE_MESSAGE,
                code="stale",
                params={
                    "when": timezone.localtime(current).strftime("%H:%M on %d %B %Y"),
                    "who": f" ({editor.get_full_name() or editor.get_username()})"
                    if editor
                    else "",
                },
            )
        return cleaned

    def check_new_themes(self, cleaned) -> None:
        """Themes come from one vocabulary shared by every register: a theme typed beside an
        existing one ("smart card" by "smart cards") would split its lists. A partner officer
        may use only existing themes; an editor may add one, but one that looks like an
        existing theme only once they tick "Add as a new theme anyway"."""
        names = cleaned.get("tags")
        if not names or "add_new_themes_anyway" not in self.fields:
            return
        vocabulary = list(Tag.objects.values_list("name", flat=True))
        known = {theme.lower() for theme in vocabulary}
        new = [name for name in names if name.lower() not in known]
        if not self.may_add_themes:
            for name in new:
                nearest = nearest_themes(name, vocabulary)
                suggestion = (
                    f"Did you mean {either(nearest)}?" if nearest else "Choose an existing theme."
                )
                self.add_error(
                    "tags",
                    f"“{name}” is not one of the themes. {suggestion} Only an editor can add "
                    "a new theme.",
                )
            return
        alike = {name: near_duplicates(name, vocabulary) for name in new}
        alike = {name: themes for name, themes in alike.items() if themes}
        if not alike:
            return
        self.fields["add_new_themes_anyway"].widget = forms.CheckboxInput()
        if cleaned.get("add_new_themes_anyway"):
            return
        for name, themes in alike.items():
            self.add_error(
                "tags",
                f"“{name}” looks like the existing theme {either(themes)}. Use the existing "
                "theme, or tick “Add as a new theme anyway”.",
            )


def either(themes) -> str:
    quoted = [f"“{theme}”" for theme in themes]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
