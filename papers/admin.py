from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html

from registers.admin import OrganisationScopedAdmin, can_edit_all_organisations
from registers.forms import RegisterEntryAdminForm
from registers.storage import stored_files_kept_only_on_success

from . import files
from .models import Paper, TextStatus
from .tasks import extract_text_after_commit
from .views import PaperDetailView, file_response


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
            files.identify(upload)  # a sniff: the words are read in the background
        except files.FileProblem as problem:
            raise forms.ValidationError(str(problem)) from problem
        return upload


def text_details(paper) -> str:
    if paper.text_status == TextStatus.EXTRACTED:
        return "Text read for search."
    if paper.text_status == TextStatus.PENDING:
        return "Text waiting to be read for search."
    return format_html(
        "<strong>Text not extracted: {} ({})</strong> The paper is found by its title and "
        "summary. “Extract the text again” in the list of papers tries again.",
        paper.get_text_status_display().lower(),
        paper.text_error,
    )


@admin.register(Paper)
class PaperAdmin(OrganisationScopedAdmin):
    form = PaperAdminForm
    preview_view = PaperDetailView
    owner_field = "organisation"
    list_display = [
        "title",
        "kind",
        "date",
        "organisation",
        "visibility",
        "publication_status",
        "text_status",
    ]
    list_filter = ["publication_status", "kind", "visibility", "group", "text_status"]
    actions = ["extract_text_again"]
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
            '<div><a href="{}">Download the current file</a></div><div>{}</div>',
            info.label if info else paper.file_type,
            filesizeformat(paper.file_size),
            paper.download_count,
            paper.get_download_url(),
            text_details(paper),
        )

    def changeform_view(self, request, *args, **kwargs):
        # A save that fails after the upload was stored leaves no file behind.
        with stored_files_kept_only_on_success():
            return super().changeform_view(request, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data and obj.text_status == TextStatus.PENDING:
            self.message_user(
                request,
                "The words in the file will be read for search in the background; until "
                "then the paper is found by its title and summary.",
                messages.INFO,
            )

    @admin.action(description="Extract the text again", permissions=["change"])
    def extract_text_again(self, request, queryset):
        """Queue the reading of the selected papers' words again (after a failure, or with
        higher limits): the queryset is the admin's, so an officer's own papers only."""
        files_of = dict(queryset.values_list("pk", "file"))
        with transaction.atomic():
            Paper.objects.filter(pk__in=files_of).update(
                text_status=TextStatus.PENDING, text_error=""
            )
            for paper_id, file_name in files_of.items():
                extract_text_after_commit(paper_id, file_name)
        count = len(files_of)
        self.message_user(
            request,
            f"The words of {count} paper{'' if count == 1 else 's'} will be read again in the "
            "background.",
            messages.SUCCESS,
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
