from django import forms
from django.contrib import admin

from registers.admin import RegisterAdmin
from registers.forms import RegisterEntryAdminForm
from registers.links import HEALTH_FIELDS, broken_link_filter

from .models import Link, Section, SubCategory
from .views import LinkPreviewView


class SubCategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.section.name}: {obj.name}"


class LinkAdminForm(RegisterEntryAdminForm):
    sub_category = SubCategoryChoiceField(
        queryset=SubCategory.objects.select_related("section"),
        required=False,
        label="Sub-category",
        help_text="Optional; it must belong to the section chosen above.",
    )

    class Meta:
        model = Link
        fields = [
            "title",
            "slug",
            "url",
            "description",
            "publication_status",
            "section",
            "sub_category",
            "maintainer",
            "tags",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        # A link has no page of its own, and "web address" is where it leads.
        labels = {"slug": "Its place on the section's page"}
        help_texts = {
            "slug": "The last part of its address on LondonConnects, after the #, as in "
            "/eindex/standards/#this-part: lower-case letters, numbers and hyphens. Leave "
            "blank to make one from the title."
        }


@admin.register(Link)
class LinkAdmin(RegisterAdmin):
    """Editors keep the e-index as a whole: no organisation owns a link."""

    form = LinkAdminForm
    preview_view = LinkPreviewView
    list_display = ["title", "section", "publication_status", "health", "updated_at"]
    list_filter = [broken_link_filter(), "publication_status", "section"]
    list_select_related = ["section"]
    search_fields = ["title", "url", "description", "maintainer"]
    readonly_fields = HEALTH_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "slug", "url", "description", "publication_status"]}),
        ("Where it is listed", {"fields": ["section", "sub_category", "maintainer", "tags"]}),
        (
            "Link health",
            {
                "description": "Recorded by the daily link check. A broken link is never "
                "removed automatically: fix its address, or archive it.",
                "fields": HEALTH_FIELDS,
            },
        ),
    ]

    @admin.display(description="health", ordering="failing_since")
    def health(self, link):
        return link.health_summary


class SubCategoryInline(admin.StackedInline):
    # Stacked, not tabular: every field keeps its own visible label.
    model = SubCategory
    extra = 1
    fields = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    fields = ["name", "slug", "description", "order"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SubCategoryInline]
