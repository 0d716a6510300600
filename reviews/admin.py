"""The steering group writes reviews here: the text and its sections, a preview on the site,
and "Publish", which freezes text, figures and PDF as an edition.

Publishing starts from the change form, never beside it: its "Save and publish" button saves
what is on the form (the admin's own save, one transaction) and then shows what publishing
would change from the latest edition. Only that page's "Publish" freezes an edition, and only
if the draft is still the one whose differences it showed. An edit can therefore not be left
behind unsaved, nor published unseen.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

from registers.admin import ReadOnlyAdmin
from registers.forms import date_hint

from . import services
from .differences import figure_changes, fingerprint, text_changes
from .figures import compile_figures
from .models import Edition, Review, Section


class SectionFormSet(forms.BaseInlineFormSet):
    """A new section goes after the last one: a blank form's position follows the highest
    (the admin's "Add another" copies the empty form, which does too)."""

    @cached_property
    def next_position(self) -> int:
        return max((section.order for section in self.get_queryset()), default=0) + 1

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        new = self.initial_form_count()
        if index is None or index >= new:
            kwargs["initial"] = {"order": self.next_position + (index or new) - new}
        return kwargs


class SectionInline(admin.StackedInline):
    model = Section
    formset = SectionFormSet
    extra = 1  # a blank section to fill in, without the admin's JavaScript
    fields = ["order", "heading", "body"]


OUT_OF_DATE = (
    "This page was out of date. Check what publishing would change, below, and publish again."
)


class PublishForm(forms.Form):
    correction_note = forms.CharField(
        label="What this correction changes",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to readers with the corrected edition.",
    )
    # The latest edition when the form was shown: a second submit publishes nothing more.
    expected_latest = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, error_messages={"required": OUT_OF_DATE}
    )
    # The draft whose differences the page showed: an edit saved since is not published unseen.
    expected_draft = forms.CharField(
        widget=forms.HiddenInput, max_length=64, error_messages={"required": OUT_OF_DATE}
    )
    recompile = forms.BooleanField(
        label="Compile the figures again from the registers as they are now",
        required=False,
        help_text="Leave unticked to keep the figures as first published.",
    )


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["year", "title", "status", "edition_count", "updated_at"]
    list_display_links = ["year", "title"]
    readonly_fields = ["status"]
    inlines = [SectionInline]
    change_form_template = "admin/reviews/review/change_form.html"

    class Media:
        js = ["js/unsaved-changes.js"]

    fieldsets = [
        (None, {"fields": ["year", "title", "status", "foreword"]}),
        (
            "The conference it prepares",
            {
                "fields": [
                    "conference_name",
                    "conference_date",
                    "conference_venue",
                    "conference_url",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_total=Count("editions"))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.DateField):  # the conference date: how to type it
            field.help_text = date_hint()
        return field

    @admin.display(description="editions", ordering="edition_total")
    def edition_count(self, review):
        return review.edition_total

    def get_readonly_fields(self, request, obj=None):
        # A published review keeps its year: its address is bookmarked and cited.
        if obj is not None and obj.is_published:
            return ["year", *self.readonly_fields]
        return self.readonly_fields

    def get_urls(self):
        own = [
            path(
                "<int:review_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="reviews_review_publish",
            )
        ]
        return own + super().get_urls()

    def response_change(self, request, obj):
        # "Save and publish" saved the form like "Save" did; publishing is the next page's.
        if "_publish" in request.POST and request.user.has_perm("reviews.publish_review"):
            self.message_user(
                request,
                f"Saved the {obj.year} review. Check what publishing would change, then publish.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:reviews_review_publish", args=[obj.pk]))
        return super().response_change(request, obj)

    def publish_view(self, request, review_id):
        if not request.user.has_perm("reviews.publish_review"):
            raise PermissionDenied
        review = get_object_or_404(Review, pk=review_id)
        form = PublishForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                edition = services.publish(
                    review,
                    by=request.user,
                    correction_note=form.cleaned_data["correction_note"],
                    recompile=form.cleaned_data["recompile"],
                    expected_latest=form.cleaned_data["expected_latest"],
                    expected_draft=form.cleaned_data["expected_draft"],
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            except (IntegrityError, OperationalError):
                # Two first publishes at once on SQLite, which cannot lock one row.
                form.add_error(None, "Someone else is publishing this review. Reload the page.")
            else:
                messages.success(
                    request,
                    f"Published the {review.year} review, edition {edition.number}. Its "
                    "figures and PDF are frozen.",
                )
                return HttpResponseRedirect(
                    reverse("admin:reviews_review_change", args=[review.pk])
                )
        return TemplateResponse(
            request,
            "admin/reviews/review/publish.html",
            {
                **self.admin_site.each_context(request),
                **self.differences(review),
                "title": f"Publish the {review.year} review",
                "opts": self.opts,
                "original": review,
                "form": form,
            },
        )

    def differences(self, review: Review) -> dict:
        """What publishing now would change from the latest edition, as the page shows it;
        its hidden fields carry what was shown, so that only that is published."""
        editions = list(review.editions.order_by("-number"))
        latest = editions[0] if editions else None
        content = services.content_of(review)
        shown = {
            "editions": editions,
            "latest": latest,
            "expected_latest": latest.number if latest else 0,
            "expected_draft": fingerprint(content),
        }
        if latest is None:
            return {**shown, "can_publish": True}
        changed_text = text_changes(latest.content, content)
        changed_figures = figure_changes(latest.figures, compile_figures(review.year))
        return {
            **shown,
            "text_changes": changed_text,
            "figure_changes": changed_figures,
            # Compiling again is a correction of its own when the registers have moved on.
            "can_publish": bool(changed_text or changed_figures),
        }


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    """Published editions: for reading, never for editing. A correction is a new edition."""

    list_display = ["review", "number", "published_at", "published_by", "pdf_downloads"]
    list_select_related = ["review", "published_by"]
    fields = [
        "review",
        "number",
        "published_at",
        "published_by",
        "correction_note",
        "pdf_size",
        "pdf_downloads",
        "data_downloads",
    ]
    readonly_fields = fields
