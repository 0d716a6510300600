from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .models import Frequency, SavedSearch
from .services import describe, page_of, save_search, saved_search_for


@require_http_methods(["GET", "HEAD", "POST"])
def saved_searches(request):
    """``/alerts/``: a user's saved searches (GET), or save one from a list page (POST)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            saved, created = save_search(
                request.user,
                request.POST.get("register", ""),
                request.POST.get("query", ""),
                request.POST.get("frequency", ""),
            )
        except ValueError as problem:
            messages.error(request, f"The search was not saved: {problem}")
            return redirect("alerts:list")
        verb = "will be" if created else "are now"
        messages.success(
            request,
            f"New {describe(saved)} {verb} e-mailed to you "
            f"{saved.get_frequency_display().lower()}.",
        )
        return redirect(page_of(saved))
    searches = [
        {"saved": saved, "description": describe(saved), "url": page_of(saved)}
        for saved in SavedSearch.objects.filter(user=request.user)
    ]
    return TemplateResponse(
        request, "alerts/list.html", {"searches": searches, "frequencies": Frequency.choices}
    )


@login_required
@require_POST
def delete(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, f"You will no longer get {describe(saved)}.")
    return redirect("alerts:list")


@csrf_exempt  # the signed token is the authority; mail clients POST here (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def stop(request, token):
    saved = saved_search_for(token)
    if saved is None:
        return TemplateResponse(request, "alerts/stop.html", {"invalid": True}, status=404)
    context = {"description": describe(saved)}
    if request.method == "POST":
        saved.delete()
        context["done"] = True
    response = TemplateResponse(request, "alerts/stop.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
