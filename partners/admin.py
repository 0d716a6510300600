from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from registers.links import HEALTH_FIELDS, broken_link_filter

from .models import Group, Membership, Organisation, Sector, SubRegion


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SubRegion)
class SubRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sector", "sub_region", "is_local_authority"]
    list_filter = ["sector", "sub_region", "is_local_authority", broken_link_filter()]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = HEALTH_FIELDS


@admin.register(Group)
class GroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "sub_region"]
    list_filter = ["kind", "sub_region", broken_link_filter()]
    readonly_fields = HEALTH_FIELDS
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    autocomplete_fields = ["organisation"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PartnerUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = [*UserAdmin.list_display, "organisation"]
    list_select_related = ["membership__organisation"]

    @admin.display(ordering="membership__organisation__name")
    def organisation(self, user):
        membership = getattr(user, "membership", None)
        return membership.organisation if membership else "—"
