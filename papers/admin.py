from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html

from registers.admin import OrganisationScopedAdmin, can_edit_all_organisations
from registers.forms import RegisterEntryAdminForm
from registers.storage import stored_files_kept_only_on_success

from . import files
from .models import Paper
from .views import file_response


class PaperFileInput(forms.ClearableFileInput):
    """The file input, without the admin's link to the file's storage URL: on S3 that would
    be a signed link past the partner check and the download count."""

    template_name = "admin/papers/paper_file_input.html"


class PaperAdminForm(RegisterEntryAdminForm):
    class Meta:
        model = Paper
        fields = [
            "title",
            "slug",
            "kind",
            "date",
            "summary",
            "file",
            "visibility",
            "publication_status",
            "organisation",
            "group",
            "tags",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "file": PaperFileInput}
        help_texts = {
            "file": f"PDF, Word (DOCX), OpenDocument (ODT), Excel (XLSX), PowerPoint (PPTX) "
            f"or plain text, up to {filesizeformat(settings.MAX_UPLOAD_SIZE)}. Replacing the "
            "file keeps the earlier one in the history."
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or upload is False or "file" not in self.files:
            return upload  # unchanged (or missing: the field's own "required" says so)
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}: the largest allowed is "
                f"{filesizeformat(settings.MAX_UPLOAD_SIZE)}."
            )
        try:
            files.identify(upload)
        except files.FileProblem as problem:
            raise forms.ValidationError(str(problem)) from problem
        return upload


@admin.register(Paper)
class PaperAdmin(OrganisationScopedAdmin):
    form = PaperAdminForm
    owner_field = "organisation"
    list_display = ["title", "kind", "date", "organisation", "visibility", "publication_status"]
    list_filter = ["publication_status", "kind", "visibility", "group"]
    list_select_related = ["organisation"]
    search_fields = ["title", "summary"]
    date_hierarchy = "date"
    readonly_fields = ["file_details"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "date", "summary", "publication_status"]}),
        ("The file", {"fields": ["file", "file_details", "visibility"]}),
        ("Whose paper", {"fields": ["organisation", "group", "tags"]}),
    ]

    @admin.display(description="file details")
    def file_details(self, paper):
        if not paper.pk:
            return "—"
        info = paper.file_type_info
        return format_html(
            "<div>{} · {} · downloaded {} times</div>"
            '<div><a href="{}">Download the current file</a></div>{}',
            info.label if info else paper.file_type,
            filesizeformat(paper.file_size),
            paper.download_count,
            paper.get_download_url(),
            format_html("<br><strong>{}</strong>", paper.text_error) if paper.text_error else "",
        )

    def changeform_view(self, request, *args, **kwargs):
        # A save that fails after the upload was stored leaves no file behind.
        with stored_files_kept_only_on_success():
            return super().changeform_view(request, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.text_error:
            self.message_user(
                request,
                f"The paper was saved, but its words could not be read for searching: "
                f"{obj.text_error} It can still be found by its title and summary.",
                messages.WARNING,
            )

    # -- earlier files -----------------------------------------------------------------
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "history-file/<int:history_id>/",
                self.admin_site.admin_view(self.history_file_view),
                name="{}_{}_history_file".format(*info),
            )
        ]
        return own + super().get_urls()

    def history_file_view(self, request, history_id):
        """An earlier version's file: for editors, who see every organisation's papers."""
        if not can_edit_all_organisations(request.user):
            raise PermissionDenied
        record = get_object_or_404(Paper.history.all(), history_id=history_id)
        if not record.file:  # simple-history keeps a file field as its name
            raise Http404
        return file_response(record.instance, str(record.file))

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "file_url_name": "admin:papers_paper_history_file"
            if can_edit_all_organisations(request.user)
            else "",
        }
        return super().history_view(request, object_id, extra_context)
