"""Versions in every register's admin: one save is one version, each version says what it
changed in the admin's own words, and a version is shown read-only with Restore as its only
action."""

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import capfirst

from .history import changes_between, version_links, version_values


class VersionsAdmin:
    """Mixed into ``RegisterAdmin`` (a ``SimpleHistoryAdmin``), before it in the bases.

    The admin saves an entry, then its many-to-many fields and themes, then its inlines; each
    step would record a version of its own, so "Restore" could land on a half-saved entry.
    Here the steps save without history and the finished entry is recorded once, inside the
    admin's transaction.
    """

    version_template = "admin/registers/version.html"

    def save_model(self, request, obj, form, change):
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        entry = form.instance
        try:
            super().save_related(request, form, formsets, change)
        finally:
            entry.__dict__.pop("skip_history_when_saving", None)
        entry.record_version("~" if change else "+")

    # -- the history list ----------------------------------------------------------------
    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        for record, previous in zip(records, [*records[1:], None], strict=True):
            if previous is None and record.history_type != "+":
                previous = record.prev_record  # the oldest on this page has one on the next
            record.history_delta_changes = (
                changes_between(record, previous) if previous is not None else []
            )

    # -- one version ---------------------------------------------------------------------
    def may_restore(self, request, current) -> bool:
        """As ``restore_view`` decides: the live entry's owner, or for a deleted entry,
        whoever may add one."""
        if not self.in_scope(request, current):
            return False
        if self.model._default_manager.filter(pk=current.pk).exists():
            return self.has_change_permission(request, current)
        return self.has_add_permission(request)

    def version_sections(self, request, record, current, live: bool):
        """The version's values grouped as the change form groups its fields."""
        sections = []
        for name, options in self.get_fieldsets(request, current if live else None):
            values = version_values(record, flatten_fieldsets([(name, options)]))
            if values:
                sections.append((name, values))
        return sections

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = get_object_or_404(
            self.model.history.all(),
            **{self.opts.pk.attname: unquote(object_id), "history_id": version_id},
        )
        version = record.instance
        if not self.has_view_history_or_change_history_permission(request, version):
            raise PermissionDenied
        current = self.current_entry(version)
        live = self.model._default_manager.filter(pk=current.pk).exists()
        latest = (
            self.model.history.filter(**{self.opts.pk.attname: current.pk})
            .order_by("-history_date", "-history_id")
            .first()
        )
        is_current = live and latest is not None and latest.pk == record.pk
        saved = timezone.localtime(record.history_date).strftime("%d %B %Y %H:%M")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Version of “{version}” saved {saved}",
            "subtitle": None,
            "opts": self.opts,
            "object_id": current.pk,
            "entry": current,
            "live": live,
            "record": record,
            "saved": saved,
            "is_current": is_current,
            "sections": self.version_sections(request, record, current, live),
            "links": version_links(record),
            "may_restore": not is_current and self.may_restore(request, current),
            "module_name": capfirst(str(self.opts.verbose_name_plural)),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.version_template, context)
