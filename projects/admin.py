from django import forms
from django.contrib import admin
from django.db.models import Q

from funding.models import FundingSource
from registers.admin import OrganisationScopedAdmin
from registers.forms import RegisterEntryAdminForm
from registers.imports import SpreadsheetImportMixin
from registers.links import broken_link_filter
from registers.models import PublicationStatus

from .imports import ProjectResource
from .models import Project, ProjectLink
from .views import ProjectDetailView


class ProjectAdminForm(RegisterEntryAdminForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "publication_status",
            "programme",
            "status",
            "start_date",
            "end_date",
            "budget",
            "lead_organisation",
            "partner_organisations",
            "sub_regions",
            "sectors",
            "tags",
            "funding_sources",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Officers see published funds (another organisation's drafts are its own business),
        # plus any already linked.
        linked = self.instance.funding_sources.all() if self.instance.pk else []
        self.fields["funding_sources"].queryset = FundingSource.objects.filter(
            Q(publication_status=PublicationStatus.PUBLISHED) | Q(pk__in=linked)
        ).distinct()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            # Beside the end date, not at the top of the form (the constraint's own message).
            self.add_error("end_date", "The end date must not be before the start date.")
        lead = cleaned.get("lead_organisation") or getattr(self, "scoped_owner", None)
        if lead is None and self.instance.pk:
            lead = self.instance.lead_organisation
        partners = cleaned.get("partner_organisations") or []
        if lead is not None and lead in partners:
            self.add_error(
                "partner_organisations",
                f"{lead} leads this project, so it cannot also be listed as a partner.",
            )
        return cleaned


class ProjectLinkInline(admin.StackedInline):
    # Stacked, not tabular: every field keeps its own visible label.
    model = ProjectLink
    extra = 1
    fields = ["kind", "label", "url", "order", "health_summary"]
    readonly_fields = ["health_summary"]


@admin.register(Project)
class ProjectAdmin(SpreadsheetImportMixin, OrganisationScopedAdmin):
    resource_classes = [ProjectResource]
    form = ProjectAdminForm
    preview_view = ProjectDetailView
    owner_field = "lead_organisation"
    inlines = [ProjectLinkInline]
    list_display = [
        "title",
        "lead_organisation",
        "programme",
        "status",
        "publication_status",
        "updated_at",
    ]
    list_filter = [
        "publication_status",
        "programme",
        "status",
        "sub_regions",
        "sectors",
        broken_link_filter("links__"),
    ]
    list_select_related = ["lead_organisation"]
    search_fields = ["title", "summary", "lead_organisation__name"]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "publication_status"]}),
        (
            "Programme and status",
            {
                "fields": [
                    "programme",
                    "status",
                    "start_date",
                    "end_date",
                    "budget",
                    "funding_sources",
                ]
            },
        ),
        (
            "Who and where",
            {
                "fields": [
                    "lead_organisation",
                    "partner_organisations",
                    "sub_regions",
                    "sectors",
                    "tags",
                ]
            },
        ),
    ]
