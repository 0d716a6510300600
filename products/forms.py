from django import forms

from registers.forms import RegisterEntryAdminForm

from .models import Product, TakeUp, TakeUpStatus, latest_allowed_date


class ProductAdminForm(RegisterEntryAdminForm):
    class Meta:
        model = Product
        fields = [
            "title",
            "slug",
            "project",
            "kind",
            "summary",
            "url",
            "paper",
            "licence",
            "publication_status",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("paper") and "url" not in self.errors:
            # Beside the link, not only at the top of the form (the constraint's own message).
            self.add_error(
                "url", "Give a link to the product, a paper from the papers library, or both."
            )
        return cleaned


class TakeUpForm(forms.ModelForm):
    """What an officer says of their organisation's take-up, on the product's page."""

    status = forms.ChoiceField(
        choices=TakeUpStatus.choices,
        error_messages={
            "required": "Choose whether your organisation is evaluating, has adopted or has "
            "declined this product.",
            "invalid_choice": "Choose evaluating, adopted or declined.",
        },
    )
    date = forms.DateField(
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"],
        error_messages={
            "required": "Enter the date of the take-up.",
            "invalid": "Enter the date as a real date, for example 27/3/2026.",
        },
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        error_messages={"max_length": "Write a note of 500 characters or fewer."},
    )

    class Meta:
        model = TakeUp
        fields = ["status", "date", "note"]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > latest_allowed_date():
            raise forms.ValidationError("The date of the take-up must be today or in the past.")
        return date
