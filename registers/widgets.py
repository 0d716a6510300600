"""Type-ahead pickers for the admin forms officers use.

Each is a plain form control that works without JavaScript (a select, a multiple select, a
text box of comma-separated themes); ``static/js/pickers.js`` turns it into GOV.UK's
accessible-autocomplete, which matches any word of a name ("Newham" finds "London Borough of
Newham"), and lists what is chosen with a "Remove" button for each.
"""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from taggit.forms import TagWidget
from taggit.models import Tag


class PickerMedia:
    css = {"all": ["css/accessible-autocomplete.min.css", "admin-site/pickers.css"]}
    js = ["js/accessible-autocomplete.min.js", "js/pickers.js"]


class TypeaheadSelect(forms.Select):
    """Choose one (an organisation) by typing any word of its name."""

    Media = PickerMedia

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-picker": "one", **(attrs or {})}, choices)


class TypeaheadSelectMultiple(forms.SelectMultiple):
    """Choose several (partner organisations) by typing; each chosen one can be removed.
    Without JavaScript, a multiple select with a hint on how to choose several."""

    Media = PickerMedia
    template_name = "registers/widgets/typeahead_select_multiple.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-picker": "several", "size": 10, **(attrs or {})}, choices)


class ThemesInput(TagWidget):
    """Themes from the shared vocabulary, comma-separated. The vocabulary is listed with the
    box (a datalist, which the picker reads); ``data-new-themes`` says whether this person
    may add a theme that is not in it (the form decides, and checks again on saving)."""

    Media = PickerMedia
    template_name = "registers/widgets/themes_input.html"

    def __init__(self, attrs=None):
        super().__init__({"data-picker": "themes", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["vocabulary"] = Tag.objects.order_by("name").values_list("name", flat=True)
        widget["vocabulary_id"] = f"{widget['attrs'].get('id', name)}_vocabulary"
        widget["attrs"]["list"] = widget["vocabulary_id"]
        widget["attrs"].setdefault("autocomplete", "off")
        widget["may_add"] = widget["attrs"].get("data-new-themes") == "true"
        return context


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time boxes, each with a label of its own ("Date:", "Time:"), which
    the admin's widget writes as plain text that no assistive technology ties to its box."""

    template_name = "registers/widgets/split_datetime.html"
