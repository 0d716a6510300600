from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as RoleAdmin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group as Role
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from registers.links import HEALTH_FIELDS, broken_link_filter
from registers.merge_admin import MergeAdminMixin

from .models import Group, Membership, Organisation, Sector, SubRegion
from .roles import EDIT_ALL_PERMISSION


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SubRegion)
class SubRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(MergeAdminMixin, SimpleHistoryAdmin):
    """Editors merge an organisation entered twice into the other; one still used (a lead,
    a partner, a member, an account) cannot be deleted, and the page says by what."""

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
admin.site.unregister(Role)


def is_privileged(user) -> bool:
    """A superuser's or an editor's account: only a superuser may change it."""
    return user.is_superuser or (
        User.objects.with_perm(
            EDIT_ALL_PERMISSION,
            is_active=None,
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(pk=user.pk)
        .exists()
    )


@admin.register(User)
class PartnerUserAdmin(UserAdmin):
    """Accounts. Superusers have the whole stock admin: they alone add and delete accounts,
    grant superuser and staff status, roles and permissions, and set passwords. An editor (who
    has ``auth.change_user``) may only switch a partner's account off or on and move it to
    another organisation; an editor's or a superuser's account is a superuser's to change."""

    inlines = [MembershipInline]
    list_display = [*UserAdmin.list_display, "organisation"]
    list_select_related = ["membership__organisation"]
    editor_fieldsets = [
        (None, {"fields": ["username"]}),
        ("Personal info", {"fields": ["first_name", "last_name", "email"]}),
        ("Account", {"fields": ["is_active", "is_staff", "groups", "last_login", "date_joined"]}),
    ]

    @admin.display(ordering="membership__organisation__name")
    def organisation(self, user):
        membership = getattr(user, "membership", None)
        return membership.organisation if membership else "—"

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return self.editor_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["username", "first_name", "last_name", "email", "is_staff", "groups"] + [
            "last_login",
            "date_joined",
        ]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return request.user.is_superuser or obj is None or not is_privileged(obj)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Role)
class PartnerRoleAdmin(RoleAdmin):
    """The roles and their permissions: a superuser's alone, whatever permissions a role
    was granted."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
