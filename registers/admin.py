"""The admin shared by every register: partner officers see and edit only their own
organisation's entries; editors (and superusers) see everything; every change is kept and can
be restored, deletions included."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import flatten_fieldsets, model_ngettext, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST, require_safe
from simple_history.admin import SimpleHistoryAdmin

from partners.models import Organisation
from partners.roles import EDIT_ALL_PERMISSION

from .admin_history import VersionsAdmin
from .freshness import stamp_reviewed
from .models import review_due_before
from .services import restore_version
from .widgets import LabelledSplitDateTime, TypeaheadSelect, TypeaheadSelectMultiple


def can_edit_all_organisations(user) -> bool:
    return user.has_perm(EDIT_ALL_PERMISSION)


def organisation_of(user) -> Organisation | None:
    membership = getattr(user, "membership", None)
    return membership.organisation if membership is not None else None


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record of what happened (a moderation, a published edition): looked at, never
    changed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RegisterAdmin(VersionsAdmin, SimpleHistoryAdmin):
    """The admin of a register that one team edits as a whole (the e-index, by editors):
    every change is kept, deleted entries are listed and any version can be restored.
    ``OrganisationScopedAdmin`` narrows it to the officer's own organisation."""

    object_history_list_template = "admin/registers/object_history_list.html"
    change_list_template = "admin/registers/change_list.html"
    # Merged into the admin's own (a date and a time box): each box gets a label.
    formfield_overrides = {models.DateTimeField: {"widget": LabelledSplitDateTime}}
    # The register's public page of an entry (a registers.views.RegisterDetailView): "Save
    # and preview" shows an entry through it, whatever its status.
    preview_view = None

    def in_scope(self, request, entry) -> bool:
        return True

    def scoped_history(self, request):
        return self.model.history.all()

    def get_fieldsets(self, request, obj=None):
        fieldsets = with_theme_confirmation(super().get_fieldsets(request, obj), self.form)
        if obj is None or "edit_version" not in self.form.base_fields:
            return fieldsets
        # The hidden version travels with the form so a stale save can be refused.
        (name, options), *rest = fieldsets
        first = (name, {**options, "fields": [*options["fields"], "edit_version"]})
        return [first, *rest]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # Only editors add themes to the vocabulary every register shares (the form checks).
        form.may_add_themes = can_edit_all_organisations(request.user)
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organisation:
            kwargs.setdefault("widget", TypeaheadSelect)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Organisations (60 and more) are found by typing any word of the name; shorter lists
        # are checkboxes. Both work without JavaScript and pass WCAG, unlike the admin's
        # JS widgets.
        if db_field.related_model is not Organisation:
            kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        kwargs.setdefault("widget", TypeaheadSelectMultiple)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, TypeaheadSelectMultiple):
            # The widget says how to choose several, with or without the type-ahead.
            field.help_text = db_field.help_text
        return field

    # -- history and restore -------------------------------------------------------------
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            path(
                "restore/<int:history_id>/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name="{}_{}_restore".format(*info),
            ),
            # Not wrapped in admin_view: whoever may not edit the entry gets a 404 (as for no
            # entry at all), never the sign-in page.
            path(
                "<path:object_id>/preview/",
                require_safe(self.preview),
                name="{}_{}_preview".format(*info),
            ),
        ]
        return own + super().get_urls()

    def deleted_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        live_ids = self.model._default_manager.values("pk")
        deletions = (
            self.scoped_history(request)
            .filter(history_type="-")
            .exclude(id__in=live_ids)
            .select_related("history_user")
            .order_by("-history_date")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "deletions": deletions[:200],
            "can_restore": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/registers/deleted.html", context)

    def current_entry(self, entry):
        """The entry that decides who may see and restore ``entry``'s versions: the live one
        (an entry moved to another organisation is theirs now, with all its history), or, for a
        deleted entry, its last version."""
        if entry is None:
            return None
        live = self.model._default_manager.filter(pk=entry.pk).first()
        if live is not None:
            return live
        last = self.model.history.filter(**{self.opts.pk.attname: entry.pk}).first()
        return last.instance if last is not None else entry

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # simple-history asks this of the version shown; the live entry's owner decides.
        return super().has_view_history_or_change_history_permission(
            request, self.current_entry(obj)
        )

    def restore_overrides(self, request, current) -> dict:
        """Fields a restore keeps from the current entry rather than the version."""
        return {}

    def restore_view(self, request, history_id):
        record = get_object_or_404(self.model.history.all(), history_id=history_id)
        current = self.current_entry(record.instance)
        if not self.in_scope(request, current):
            raise PermissionDenied
        exists = self.model._default_manager.filter(pk=current.pk).exists()
        allowed = (
            self.has_change_permission(request, current)
            if exists
            else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        restored = restore_version(
            record=record, user=request.user, keep=self.restore_overrides(request, current)
        )
        self.message_user(
            request,
            format_html(
                "“{}” was restored to its version of {}.",
                restored,
                record.history_date.strftime("%d %B %Y %H:%M"),
            ),
            messages.SUCCESS,
        )
        info = self.opts.app_label, self.opts.model_name
        return HttpResponseRedirect(reverse("admin:{}_{}_change".format(*info), args=[restored.pk]))

    # -- draft preview ---------------------------------------------------------------------
    def preview(self, request, object_id):
        """The entry as its public page shows it, draft or not, under a banner, for those who
        may edit it here; a 404 for everyone else, signed in or not."""
        entry = None
        if self.preview_view is not None and self.admin_site.has_permission(request):
            try:
                pk = self.opts.pk.to_python(unquote(object_id))
            except ValidationError:
                raise Http404 from None
            entry = self.get_queryset(request).filter(pk=pk).first()
        if entry is None or not self.has_change_permission(request, entry):
            raise Http404
        return self.preview_view.as_view(draft_preview=True)(request, pk=entry.pk)

    def preview_url(self, entry) -> str:
        info = self.opts.app_label, self.opts.model_name
        return reverse("admin:{}_{}_preview".format(*info), args=[entry.pk])

    def get_view_on_site_url(self, obj=None):
        # An entry the public cannot see has no page yet: "View on site" shows its preview.
        if obj is not None and self.preview_view is not None and not obj.is_published:
            return self.preview_url(obj)
        return super().get_view_on_site_url(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Read by templates/admin/submit_line.html.
        context["show_save_and_preview"] = (
            self.preview_view is not None
            and IS_POPUP_VAR not in request.GET
            and (self.has_change_permission(request, obj) if change else add)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return self.preview_after_save(request, obj, response)

    def response_change(self, request, obj):
        return self.preview_after_save(request, obj, super().response_change(request, obj))

    def preview_after_save(self, request, entry, response):
        """After "Save and preview": the admin has saved and said so; show the preview."""
        if "_preview" in request.POST and isinstance(response, HttpResponseRedirect):
            return HttpResponseRedirect(self.preview_url(entry))
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Versions are shown read-only; restoring is the restore_view POST above.
        if request.method == "POST":
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


def with_theme_confirmation(fieldsets, form):
    """The fieldsets with the form's "Add as a new theme anyway" right after the themes: a
    hidden field until an editor's new theme looks like an existing one."""
    if "add_new_themes_anyway" not in form.base_fields:
        return fieldsets
    placed = []
    for name, options in fieldsets:
        fields = list(options.get("fields", []))
        if "tags" in fields and "add_new_themes_anyway" not in fields:
            fields.insert(fields.index("tags") + 1, "add_new_themes_anyway")
            options = {**options, "fields": fields}
        placed.append((name, options))
    return placed


class ReviewDueFilter(admin.SimpleListFilter):
    """Entries whose owner has not reviewed them for REVIEW_AFTER_DAYS: what the public sees
    as "may be out of date" and what ``remind_owners`` mails about."""

    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "May be out of date (review due)"), ("done", "Reviewed recently")]

    def queryset(self, request, queryset):
        due_before = review_due_before()
        if self.value() == "due":
            return queryset.filter(last_reviewed_on__lt=due_before)
        if self.value() == "done":
            return queryset.filter(last_reviewed_on__gte=due_before)
        return queryset


STILL_CORRECT = "_still_correct"  # the name of the change form's "Still correct" button


class ChangesNotConfirmedForm(forms.BaseForm):
    """What the change form becomes when "Still correct" is pressed on a form with changes
    (OrganisationScopedAdmin.still_correct): shown again with what was typed, never saved."""

    def clean(self):
        super().clean()
        raise forms.ValidationError(
            "You changed this entry, so it was not marked as still correct and nothing was "
            "saved. Press “Save” to keep your changes (saving also records the review), or "
            "open the entry again to confirm it unchanged.",
            code="changed",
        )


class OrganisationScopedAdmin(RegisterAdmin):
    """Scope a register's admin to the signed-in officer's organisation.

    ``owner_field`` names the foreign key to the organisation that owns an entry. Officers
    cannot choose it: it is set from their membership. Another organisation's entry answers
    403 to every direct URL (change, delete, history, restore).
    """

    owner_field = "organisation"

    # -- scope ---------------------------------------------------------------------------
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if can_edit_all_organisations(request.user):
            return queryset
        organisation = organisation_of(request.user)
        if organisation is None:
            return queryset.none()
        return queryset.filter(**{self.owner_field: organisation})

    def in_scope(self, request, entry) -> bool:
        if entry is None or can_edit_all_organisations(request.user):
            return True
        organisation = organisation_of(request.user)
        owner_id = getattr(entry, f"{self.owner_field}_id")
        return organisation is not None and owner_id == organisation.pk

    def get_object(self, request, object_id, from_field=None):
        entry = super().get_object(request, object_id, from_field)
        if entry is None:
            # Tell "not yours" (403) apart from "does not exist" (the admin's redirect).
            unscoped = self.model._default_manager.all()
            field = (
                self.model._meta.pk
                if from_field is None
                else self.model._meta.get_field(from_field)
            )
            try:
                exists = unscoped.filter(**{field.name: field.to_python(object_id)}).exists()
            except (ValidationError, ValueError):  # a malformed id, as the admin treats it
                exists = False
            if exists:
                raise PermissionDenied
        return entry

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and (
            can_edit_all_organisations(request.user) or organisation_of(request.user) is not None
        )

    def get_list_display(self, request):
        # An officer's list is all one organisation's: the owner column would only repeat it.
        columns = list(super().get_list_display(request))
        if not can_edit_all_organisations(request.user) and self.owner_field in columns:
            columns.remove(self.owner_field)
        return [*columns, "last_reviewed_on"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewDueFilter]

    # -- "still correct": the review date only, as a reminder's link stamps it --------------
    def get_actions(self, request):
        # Every organisation's register has it, whatever actions of its own it lists.
        actions = super().get_actions(request)
        if IS_POPUP_VAR not in request.GET and self.has_change_permission(request):
            func, name, description = self.get_action("mark_still_correct")
            actions[name] = (func, name, description)
        return actions

    @admin.action(description="Mark as still correct (records the review date only)")
    def mark_still_correct(self, request, queryset):
        """The queryset is the admin's: an officer stamps their own organisation's only."""
        count = stamp_reviewed(queryset)
        self.message_user(
            request,
            f"{count} {model_ngettext(self.opts, count)} marked as still correct: reviewed "
            "today, nothing else changed.",
            messages.SUCCESS,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Read by templates/admin/submit_line.html.
        context["show_still_correct"] = (
            change and obj is not None and self.has_change_permission(request, obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and STILL_CORRECT in request.POST and object_id is not None:
            response = self.still_correct(request, object_id)
            if response is not None:
                return response
        return super().changeform_view(request, object_id, form_url, extra_context)

    def still_correct(self, request, object_id):
        """The change form's "Still correct": stamp the review date of an entry whose form
        comes back unchanged. With changes on the form, None: the admin shows the form again,
        with what was typed and an error (see get_form), and saves nothing."""
        entry = self.get_object(request, unquote(object_id))
        if entry is None:
            return None  # the admin's "does not exist"
        if not self.has_change_permission(request, entry):
            raise PermissionDenied
        fields = flatten_fieldsets(self.get_fieldsets(request, entry))
        form = self.get_form(request, entry, change=True, fields=fields)(
            request.POST, request.FILES, instance=entry
        )
        formsets, _ = self._create_formsets(request, entry, change=True)
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            return None
        stamp_reviewed(entry)
        self.message_user(
            request,
            format_html(
                "“{}” is marked as still correct: reviewed today, nothing else changed.", entry
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    # -- the owner field -----------------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_edit_all_organisations(request.user):
            readonly.append(self.owner_field)
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if request.method == "POST" and STILL_CORRECT in request.POST:
            form = type(form.__name__, (ChangesNotConfirmedForm, form), {})
        # Forms that validate against the owner (e.g. "the lead is not also a partner") need
        # it before save_model sets it for officers.
        form.scoped_owner = (
            None if can_edit_all_organisations(request.user) else organisation_of(request.user)
        )
        return form

    def save_model(self, request, obj, form, change):
        if not can_edit_all_organisations(request.user):
            organisation = organisation_of(request.user)
            if organisation is None:
                raise PermissionDenied
            setattr(obj, self.owner_field, organisation)
        super().save_model(request, obj, form, change)

    def restore_overrides(self, request, current) -> dict:
        # An officer's restore never hands the entry to another organisation.
        if can_edit_all_organisations(request.user):
            return {}
        field = f"{self.owner_field}_id"
        return {field: getattr(current, field)}

    def scoped_history(self, request):
        history = self.model.history.all()
        if can_edit_all_organisations(request.user):
            return history
        organisation = organisation_of(request.user)
        if organisation is None:
            return history.none()
        return history.filter(**{self.owner_field: organisation})


# Themes: taggit's admin, with a merge that moves every register's themes, usage counts and
# unused themes (registers.merge_admin, which needs the permission helpers above).
from taggit.models import Tag  # noqa: E402

from .merge_admin import ThemeAdmin  # noqa: E402

admin.site.unregister(Tag)
admin.site.register(Tag, ThemeAdmin)
