"""The projects register as a spreadsheet: the columns an officer imports and exports in the
admin (registers.imports does the rest)."""

from partners.models import Organisation, Sector, SubRegion
from registers.imports import (
    Amount,
    Choice,
    DateCell,
    ManyNamed,
    OneNamed,
    RegisterResource,
    Text,
    Themes,
    column,
)
from registers.models import PublicationStatus

from .models import Programme, Project, ProjectStatus


class ProjectResource(RegisterResource):
    owner_field = "lead_organisation"
    required = ("summary", "programme")

    title = column(Project, "title", Text())
    slug = column(Project, "slug", Text())
    summary = column(Project, "summary", Text())
    description = column(Project, "description", Text())
    programme = column(Project, "programme", Choice(Programme.choices, "programme"))
    status = column(Project, "status", Choice(ProjectStatus.choices, "status"))
    lead_organisation = column(
        Project, "lead_organisation", OneNamed(Organisation, "lead organisation")
    )
    partner_organisations = column(
        Project, "partner_organisations", ManyNamed(Organisation, "partner organisation")
    )
    sub_regions = column(Project, "sub_regions", ManyNamed(SubRegion, "sub-region"))
    sectors = column(Project, "sectors", ManyNamed(Sector, "sector"))
    tags = column(Project, "tags", Themes())
    start_date = column(Project, "start_date", DateCell("start date"))
    end_date = column(Project, "end_date", DateCell("end date"))
    budget = column(Project, "budget", Amount("budget"))
    publication_status = column(
        Project,
        "publication_status",
        Choice(PublicationStatus.choices, "publication status"),
    )

    class Meta:
        model = Project
        name = "Projects"
        fields = (
            "title",
            "slug",
            "summary",
            "description",
            "programme",
            "status",
            "lead_organisation",
            "partner_organisations",
            "sub_regions",
            "sectors",
            "tags",
            "start_date",
            "end_date",
            "budget",
            "publication_status",
        )

    def check_row(self, instance, row, errors) -> None:
        # As the admin form checks (projects.admin.ProjectAdminForm).
        dates_read = "start_date" not in errors and "end_date" not in errors
        ends = instance.end_date
        if dates_read and instance.start_date and ends and ends < instance.start_date:
            errors["end_date"] = [
                f"end before start: the project ends on {instance.end_date:%d/%m/%Y}, before "
                f"it starts on {instance.start_date:%d/%m/%Y}."
            ]
        partners_column = self.fields["partner_organisations"].column_name
        if (
            partners_column in row
            and instance.lead_organisation_id
            and "partner_organisations" not in errors
        ):
            partners = self.fields["partner_organisations"].clean(row)
            if any(partner.pk == instance.lead_organisation_id for partner in partners):
                errors["partner_organisations"] = [
                    f"{instance.lead_organisation} leads this project, so it cannot also be "
                    "listed as a partner."
                ]
