from django import forms
from django.contrib import admin
from django.db.models import Q

from contacts.models import Contact
from registers.admin import OrganisationScopedAdmin
from registers.forms import RegisterEntryAdminForm
from registers.imports import SpreadsheetImportMixin
from registers.links import HEALTH_FIELDS, broken_link_filter
from registers.models import PublicationStatus

from .imports import FundingSourceResource
from .models import FundingSource
from .views import FundingDetailView


class FundingSourceAdminForm(RegisterEntryAdminForm):
    class Meta:
        model = FundingSource
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "publication_status",
            "owner",
            "funder_organisation",
            "funder_name",
            "origin",
            "programme",
            "eligible_sectors",
            "eligibility",
            "tags",
            "currency",
            "amount_min",
            "amount_max",
            "match_funding_percent",
            "opens_on",
            "closes_on",
            "url",
            "contact",
            "enquiries",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Published people only, but never drop the one already chosen (since archived).
        self.fields["contact"].queryset = Contact.objects.filter(
            Q(publication_status=PublicationStatus.PUBLISHED) | Q(pk=self.instance.contact_id)
        ).select_related("organisation")


@admin.register(FundingSource)
class FundingSourceAdmin(SpreadsheetImportMixin, OrganisationScopedAdmin):
    resource_classes = [FundingSourceResource]
    form = FundingSourceAdminForm
    preview_view = FundingDetailView
    owner_field = "owner"
    list_display = ["title", "origin", "closes_on", "status", "publication_status", "owner"]
    list_filter = ["publication_status", "origin", "currency", broken_link_filter()]
    list_select_related = ["owner"]
    search_fields = ["title", "programme", "funder_name", "summary"]
    date_hierarchy = "closes_on"
    readonly_fields = HEALTH_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "publication_status"]}),
        (
            "Who gives it",
            {"fields": ["owner", "funder_organisation", "funder_name", "origin", "programme"]},
        ),
        (
            "Who may apply, and for what",
            {"fields": ["eligible_sectors", "eligibility", "tags"]},
        ),
        (
            "Money",
            {"fields": ["currency", "amount_min", "amount_max", "match_funding_percent"]},
        ),
        (
            "Dates",
            {
                "description": "Whether the fund is open, closing soon or closed is worked "
                "out from these dates every day: there is nothing else to update.",
                "fields": ["opens_on", "closes_on"],
            },
        ),
        ("Finding out more", {"fields": ["url", "contact", "enquiries"]}),
        ("Link health", {"fields": HEALTH_FIELDS, "classes": ["collapse"]}),
    ]

    @admin.display(description="status")
    def status(self, fund):
        return fund.status_label
