"""The public's published reviews, and the steering group's view of a draft.

The public sees editions only: a year with none is a 404 to them, whatever its draft says.
Anyone who may view reviews in the admin (the steering group, editors) also sees the draft:
at /reviews/<year>/ while nothing is published, and with ?preview=draft afterwards.
"""

import re

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from registers.storage import count_download, stored_file_response

from .figures import compile_figures
from .models import Edition, Review
from .pdf import render_pdf
from .services import draft_document, edition_document, figures_csv


def may_see_drafts(user) -> bool:
    return user.has_perm("reviews.view_review")


def wants_draft(request) -> bool:
    return request.GET.get("preview") == "draft"


def chosen_edition(review: Review, request) -> Edition:
    """The edition asked for by ?edition=N, or the latest; a 404 if there is none."""
    editions = review.editions.all()
    number = request.GET.get("edition")
    if number is None:
        edition = editions.order_by("-number").first()
    elif re.fullmatch(r"[0-9]{1,5}", number):
        edition = editions.filter(number=int(number)).first()
    else:
        edition = None
    if edition is None:
        raise Http404("There is no such edition of this review.")
    return edition


def private(response):
    """A draft is for the steering group's eyes: no cache keeps it."""
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def review_list(request):
    latest = {}
    for edition in Edition.objects.defer("figures").order_by("review_id", "number"):
        latest[edition.review_id] = edition  # the highest number wins
    reviews = Review.objects.filter(pk__in=latest).order_by("-year")
    return render(
        request,
        "reviews/review_list.html",
        {"reviews": [(review, latest[review.pk]) for review in reviews]},
    )


@require_safe
def review_detail(request, year: int):
    review = get_object_or_404(Review, year=year)
    editions = list(review.editions.defer("content", "figures").order_by("-number"))
    drafts_allowed = may_see_drafts(request.user)
    if drafts_allowed and (wants_draft(request) or not editions):
        context = {
            "doc": draft_document(review),
            "published": editions[0] if editions else None,
            "edit_url": reverse("admin:reviews_review_change", args=[review.pk])
            if request.user.has_perm("reviews.change_review")
            else "",
        }
        return private(render(request, "reviews/review_detail.html", context))
    if not editions:
        raise Http404("No review has been published for this year.")
    edition = chosen_edition(review, request)
    doc = edition_document(edition)
    context = {
        "doc": doc,
        # An edition never changes: its body (figures, charts, text) is drawn once.
        "document_html": cache.get_or_set(
            f"review-edition-body:{edition.pk}",
            lambda: render_to_string("reviews/_document.html", {"doc": doc}),
            timeout=None,
        ),
        "editions": editions,
        "is_latest": edition.number == editions[0].number,
        "first_published": editions[-1].published_at,
    }
    return render(request, "reviews/review_detail.html", context)


def download_name(review: Review, extension: str, *, draft: bool = False) -> str:
    return f"londonconnects-annual-review-{review.year}{'-draft' if draft else ''}.{extension}"


@require_safe
def review_pdf(request, year: int):
    review = get_object_or_404(Review, year=year)
    if wants_draft(request):
        if not may_see_drafts(request.user):
            raise Http404("No draft to preview.")
        response = HttpResponse(render_pdf(draft_document(review)), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{download_name(review, "pdf", draft=True)}"'
        )
        return private(response)
    edition = chosen_edition(review, request)
    response = stored_file_response(
        edition.pdf.storage,
        edition.pdf.name,
        filename=download_name(review, "pdf"),
        content_type="application/pdf",
        missing="The PDF of this review is missing.",
    )
    count_download(Edition.objects.filter(pk=edition.pk), "pdf_downloads", request)
    return response


@require_safe
def review_data(request, year: int):
    review = get_object_or_404(Review, year=year)
    if wants_draft(request) and may_see_drafts(request.user):
        body, draft = figures_csv(compile_figures(review.year)), True
    else:
        edition = chosen_edition(review, request)
        count_download(Edition.objects.filter(pk=edition.pk), "data_downloads", request)
        body, draft = figures_csv(edition.figures), False
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{download_name(review, "csv", draft=draft)}"'
    )
    return private(response) if draft else response
