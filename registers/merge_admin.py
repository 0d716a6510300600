"""The admin's side of merging duplicates (registers.merge does the work): an editors-only
"Merge selected …" action that asks which one to keep, shows what will move, and merges on
confirmation; and deletion refused, in plain words, while anything still uses the object.

Also the themes' admin, in place of taggit's: its own merge re-pointed only taggit's generic
table, which no register uses, and posted to a URL that broke on a filtered list."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from .admin import can_edit_all_organisations
from .merge import MergeRefused, merge, plan_merge, references_to, uses_in_words
from .themes import with_usage

MERGE_ACTION = "merge_selected"


class MergeAdminMixin:
    """Add to a ModelAdmin whose rows editors may find entered twice."""

    delete_confirmation_template = "admin/registers/delete_in_use.html"
    delete_selected_confirmation_template = "admin/registers/delete_selected_in_use.html"

    def has_merge_permission(self, request) -> bool:
        # Merging reaches into every organisation's entries.
        return can_edit_all_organisations(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_merge_permission(request):
            name = self.opts.verbose_name_plural
            actions[MERGE_ACTION] = (
                type(self).merge_selected,
                MERGE_ACTION,
                f"Merge selected {name}…",
            )
        return actions

    def changelist_view(self, request, extra_context=None):
        if (
            request.method == "POST"
            and request.POST.get("action") == MERGE_ACTION
            and not self.has_merge_permission(request)
        ):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def changelist_url(self, request) -> str:
        """Where the confirmation posts back: the list with the filters it was run from, so
        the same rows are selectable."""
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return f"{url}?{request.GET.urlencode()}" if request.GET else url

    def merge_selected(self, request, queryset):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        candidates = list(queryset.order_by("pk"))
        name = self.opts.verbose_name_plural
        if len(candidates) < 2:
            self.message_user(request, f"Select two or more {name} to merge.", messages.WARNING)
            return None
        uses = {
            candidate.pk: sum(
                reference.rows(candidate).count() for reference in references_to(self.model)
            )
            for candidate in candidates
        }
        chosen = request.POST.get("kept")
        kept = next((c for c in candidates if str(c.pk) == chosen), None)
        if kept is None:  # first visit: suggest keeping the most used
            kept = max(candidates, key=lambda candidate: uses[candidate.pk])
        merged = [c for c in candidates if c.pk != kept.pk]
        if request.POST.get("confirm") == "yes" and chosen == str(kept.pk):
            try:
                plan = merge(kept=kept, merged=merged, user=request.user)
            except MergeRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                return None
            moved = "; ".join(
                f"{move.label}: {move.moved} moved"
                + (f", {move.dropped} already had it" if move.dropped else "")
                for move in plan.moves
                if move.moved or move.dropped
            )
            self.message_user(
                request,
                f"Merged {', '.join(f'“{old}”' for old in merged)} into “{kept}”. "
                + (moved or "Nothing referred to them."),
                messages.SUCCESS,
            )
            return None
        try:
            plan = plan_merge(kept=kept, merged=merged)
            refusal = None
        except MergeRefused as error:
            plan, refusal = None, str(error)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {name}",
            "opts": self.opts,
            "candidates": [(candidate, uses[candidate.pk]) for candidate in candidates],
            "kept": kept,
            "merged": merged,
            "plan": plan,
            "refusal": refusal,
            "action": MERGE_ACTION,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "form_url": self.changelist_url(request),
        }
        return TemplateResponse(request, "admin/registers/merge.html", context)

    # -- deleting ------------------------------------------------------------------------
    def get_deleted_objects(self, objs, request):
        """Refuse to delete what something still uses: deleting would silently drop it from
        those entries (a partnership, a theme). Say, in words, what uses it."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = []
        for obj in objs:
            uses = uses_in_words(obj)
            if uses:
                in_use.append(f"{capfirst(self.opts.verbose_name)} “{obj}” is used by:")
                in_use.append(uses)
        if in_use:
            # What uses it says more than the admin's list of link rows and permissions.
            return deleted, counts, set(), in_use
        return deleted, counts, perms_needed, protected


class UsageFilter(admin.SimpleListFilter):
    title = "use"
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return [("no", "Used by nothing"), ("yes", "Used by an entry")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(usage=0)
        if self.value() == "yes":
            return queryset.filter(usage__gt=0)
        return queryset


class ThemeAdmin(MergeAdminMixin, TaggitTagAdmin):
    inlines = []  # taggit's generic items are not where the registers keep their themes
    list_display = ["name", "slug", "usage"]
    list_filter = [UsageFilter]
    actions = ["delete_unused"]

    def get_urls(self):
        # Without taggit's "merge-tags/" page: the merge is the action here.
        return admin.ModelAdmin.get_urls(self)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("render_tag_form", None)
        return actions

    def get_queryset(self, request):
        return with_usage(super().get_queryset(request))

    @admin.display(description="used by (entries)", ordering="usage")
    def usage(self, tag):
        return tag.usage

    @admin.action(description="Delete selected themes that nothing uses", permissions=["delete"])
    def delete_unused(self, request, queryset):
        unused = queryset.filter(usage=0)
        names = sorted(tag.name for tag in unused)
        kept = sorted(tag.name for tag in queryset.filter(usage__gt=0))
        if names:
            Tag.objects.filter(pk__in=[tag.pk for tag in unused]).delete()
            self.message_user(
                request,
                f"Deleted {len(names)} unused themes: {', '.join(names)}.",
                messages.SUCCESS,
            )
        if kept:
            self.message_user(
                request,
                f"Kept {len(kept)} themes still in use: {', '.join(kept)}. "
                "Merge them into another theme instead.",
                messages.WARNING,
            )
