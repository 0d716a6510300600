from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from registers.filters import form_errors
from registers.pagecache import shared_page
from registers.views import pagination_context

from .forms import SearchForm
from .services import SiteSearch
from .sources import BY_KEY, SOURCES


@require_safe
@shared_page
def search(request):
    """``/search/?q=``: every register at once, grouped and ranked, or one register paged."""
    form = SearchForm(request.GET)
    context = {"form": form, "sources": SOURCES}
    if errors := form_errors(form):
        context["errors"] = errors
        return TemplateResponse(request, "search/search.html", context, status=400)
    text, register = form.cleaned_data["q"], form.cleaned_data["register"]
    site_search = SiteSearch(text, request.user, register, request.GET.get("page"))
    context.update(
        search_text=site_search.text,
        site_search=site_search,
        alert_query=urlencode(
            {"q": site_search.text, **({"register": register} if register else {})}
        ),
    )
    if site_search.text:
        context["register_links"] = [
            {
                "source": source,
                "count": site_search.counts[source.key],
                "href": "?" + urlencode({"q": site_search.text, "register": source.key}),
                "current": source.key == register,
            }
            for source in SOURCES
        ]
        if register:
            source = BY_KEY[register]
            page = site_search.page()
            context.update(
                source=source,
                results=page.object_list,
                page_query=urlencode({"q": site_search.text, "register": register}),
                **pagination_context(page),
            )
        else:
            context["groups"] = site_search.groups()
        if site_search.suggestion:
            context["suggestion"] = site_search.suggestion
            context["suggestion_href"] = "?" + urlencode(
                {"q": site_search.suggestion, **({"register": register} if register else {})}
            )
    return TemplateResponse(request, "search/search.html", context)
