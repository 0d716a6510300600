from django import forms
from django.contrib import admin

from registers.admin import OrganisationScopedAdmin
from registers.forms import RegisterEntryAdminForm
from registers.imports import SpreadsheetImportMixin
from registers.links import broken_link_filter

from .imports import ContactResource
from .models import Contact, ContactLink
from .views import ContactDetailView


class ContactAdminForm(RegisterEntryAdminForm):
    class Meta:
        model = Contact
        fields = [
            "title",
            "slug",
            "job_title",
            "organisation",
            "publication_status",
            "email",
            "email_consent_on",
            "telephone",
            "telephone_consent_on",
            "biography",
            "biography_consent_on",
            "groups",
            "tags",
        ]
        widgets = {"biography": forms.Textarea(attrs={"rows": 4})}


class ContactLinkInline(admin.StackedInline):
    model = ContactLink
    extra = 1
    fields = ["label", "url", "health_summary"]
    readonly_fields = ["health_summary"]


@admin.register(Contact)
class ContactAdmin(SpreadsheetImportMixin, OrganisationScopedAdmin):
    resource_classes = [ContactResource]
    form = ContactAdminForm
    preview_view = ContactDetailView
    owner_field = "organisation"
    inlines = [ContactLinkInline]
    list_display = ["title", "job_title", "organisation", "publication_status", "updated_at"]
    list_filter = [
        "publication_status",
        "organisation__sector",
        "groups",
        broken_link_filter("links__"),
    ]
    list_select_related = ["organisation"]
    search_fields = ["title", "job_title", "email"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "job_title", "organisation", "publication_status"]}),
        (
            "Contact details and what the person agreed to publish",
            {
                "description": "The public sees each detail only once the date the person "
                "agreed to publish it is recorded. Signed-in partners see every detail. "
                "When someone leaves, archive the entry rather than delete it.",
                "fields": [
                    "email",
                    "email_consent_on",
                    "telephone",
                    "telephone_consent_on",
                    "biography",
                    "biography_consent_on",
                ],
            },
        ),
        ("Groups and interests", {"fields": ["groups", "tags"]}),
    ]
