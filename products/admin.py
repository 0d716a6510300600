from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from papers.models import Paper
from projects.models import Project
from registers.admin import OrganisationScopedAdmin, can_edit_all_organisations, organisation_of
from registers.models import PublicationStatus

from .forms import ProductAdminForm
from .models import Product
from .views import ProductDetailView


@admin.register(Product)
class ProductAdmin(OrganisationScopedAdmin):
    """Scoped like projects, through the product's project: an officer lists, edits and
    restores the products of the projects their organisation leads, and no other."""

    form = ProductAdminForm
    preview_view = ProductDetailView
    # A path, not a field of the product: the scope is the project's lead. The methods below
    # that the base class writes for a field of the entry itself read it through the project.
    owner_field = "project__lead_organisation"
    list_display = ["title", "project", "kind", "publication_status", "updated_at"]
    list_filter = ["publication_status", "kind"]
    list_select_related = ["project"]
    search_fields = ["title", "summary", "project__title"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "project", "kind", "summary", "publication_status"]}),
        ("Where to find it and how it may be reused", {"fields": ["url", "paper", "licence"]}),
    ]

    def officer_projects(self, request):
        organisation = organisation_of(request.user)
        if organisation is None:
            return Project.objects.none()
        return Project.objects.filter(lead_organisation=organisation)

    def in_scope(self, request, entry) -> bool:
        if entry is None or can_edit_all_organisations(request.user):
            return True
        return self.officer_projects(request).filter(pk=entry.project_id).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project" and not can_edit_all_organisations(request.user):
            kwargs["queryset"] = self.officer_projects(request).order_by("title")
        if db_field.name == "paper":
            # Published papers, and the officer's own organisation's drafts.
            own = organisation_of(request.user)
            visible = Q(publication_status=PublicationStatus.PUBLISHED)
            if can_edit_all_organisations(request.user):
                visible = Q()
            elif own is not None:
                visible |= Q(organisation=own)
            kwargs["queryset"] = Paper.objects.filter(visible).defer("full_text", "public_text")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # The scope is set by choosing one of the officer's own projects, not by a read-only
        # owner field.
        return super(OrganisationScopedAdmin, self).get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if not self.in_scope(request, obj):
            raise PermissionDenied
        super(OrganisationScopedAdmin, self).save_model(request, obj, form, change)

    def restore_overrides(self, request, current) -> dict:
        # An officer's restore never moves the product to another organisation's project.
        if can_edit_all_organisations(request.user):
            return {}
        return {"project_id": current.project_id}
