import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import get_format


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

    STALE_MESSAGE = (
        "Someone else saved this entry at %(when)s%(who)s, after you opened it. Your changes "
        "have not been saved, so theirs are not lost. Open the entry again to see their "
        "changes, then make yours."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.updated_at.isoformat()
        # Every date field says how to type a date (shown beside it, and read with it).
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.help_text = " ".join(
                    str(text) for text in [date_hint(), field.help_text] if text
                )

    def clean(self):
        cleaned = super().clean()
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
