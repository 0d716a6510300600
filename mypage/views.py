import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from jointwork.suggestions import suggested_projects
from registers.admin import organisation_of
from registers.freshness import stamp_reviewed

from . import sections
from .models import Visit

# On a first visit, "new" means this recent.
FIRST_VISIT_LOOKS_BACK = datetime.timedelta(days=30)
SUGGESTIONS_SHOWN = 10  # as on the organisation's page


def for_this_person_only(response):
    """Nothing here may be kept by a cache and shown to anyone else."""
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "HEAD"])
def my_page(request):
    """``/my/``: what needs the signed-in officer, from every register."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    organisation = organisation_of(user)
    bookings, bookings_total = sections.your_bookings(user)
    if organisation is None:
        context = {"bookings": bookings, "bookings_total": bookings_total}
        response = TemplateResponse(request, "mypage/no_organisation.html", context)
        return for_this_person_only(response)

    now = timezone.now()
    visit = Visit.objects.filter(user=user).first()
    since = visit.seen_at if visit is not None else now - FIRST_VISIT_LOOKS_BACK
    interest, interest_total = sections.new_interest(organisation, since)
    take_up, take_up_total = sections.new_take_up(organisation, since)
    topics, topics_total = sections.watched_unread_topics(user)
    alerts = sections.saved_alerts(user)
    context = {
        "organisation": organisation,
        "first_visit": visit is None,
        "since": since,
        "due": sections.due_for_review(user, organisation),
        "reviews_entries": sections.reviews_any(user),
        "interest": interest,
        "interest_total": interest_total,
        "take_up": take_up,
        "take_up_total": take_up_total,
        "suggestions": suggested_projects(organisation, limit=SUGGESTIONS_SHOWN),
        "topics": topics,
        "topics_total": topics_total,
        "bookings": bookings,
        "bookings_total": bookings_total,
        "alerts": alerts.listed,
        "alerts_total": alerts.total,
    }
    response = TemplateResponse(request, "mypage/page.html", context)

    def record_visit(rendered):
        # After rendering: what this page showed as new is not new next time. A HEAD is
        # not a visit. The start of the request, so nothing registered meanwhile is missed.
        if request.method != "GET":
            return
        if visit is None:
            Visit.objects.update_or_create(user=user, defaults={"seen_at": now})
        else:
            Visit.objects.filter(pk=visit.pk).update(seen_at=now)

    response.add_post_render_callback(record_visit)
    return for_this_person_only(response)


@require_POST
def still_correct(request, register, pk):
    """ "Still correct" beside a due entry: its review date only, as a reminder's link and the
    admin's button stamp it; only the officer's own organisation's entries."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("mypage:page"))
    organisation = organisation_of(request.user)
    if organisation is None:
        raise PermissionDenied
    model = sections.reviewable_model(request.user, register)
    if model is None:
        raise Http404("No such register.")
    with transaction.atomic():
        # Another organisation's entry is "not found", exactly as one that does not exist.
        entry = (
            model._default_manager.select_for_update()
            .filter(pk=pk, **{model.owner_field: organisation})
            .only("title", "last_reviewed_on")
            .first()
        )
        if entry is None:
            raise Http404("No such entry of your organisation.")
        stamp_reviewed(entry)
    messages.success(
        request,
        f"“{entry}” is marked as still correct: reviewed today, nothing else changed.",
        extra_tags="review",
    )
    return redirect(reverse("mypage:page") + "#review-message")
