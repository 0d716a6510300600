"""Pages that are the same for every visitor of a class, cached with holes for what is not.

A register list, an entry's page, the site search and the home page show the same thing to
every visitor who may see the same data: the public, a signed-in account that belongs to no
partner, or a partner (partners-only forums and papers, contacts' consented details). Only a
few parts are personal: the header's account links, messages, and forms that carry a CSRF
token (save an alert, register interest). So such a page is rendered once per

    data version × path × normalised query string × visibility class × today's date

and kept in the shared cache with a *hole* where each personal part goes: the template writes
``{% personal "template.html" name=value %}`` (or a dotted path to a function taking the
request) and, while the shared page is being rendered, gets a marker instead. Every request,
hit or miss, fills the holes for its own visitor. The data version changes on the commit of
any change to register data (``registers.cache``), so a cached page is never stale; the key
is looked up before any FilterSet or QuerySet is built.

Guards: a shared render that asks for a CSRF token is not kept (the token is per visitor);
only a 200 HTML page or Atom feed is kept. ``SHARED_PAGE_CACHE_SECONDS = 0`` turns it off.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.module_loading import import_string
from prometheus_client import Counter

from partners.models import is_partner

from .cache import data_version

# What the holes' markers look like: an HTML comment no escaped text can contain, with a nonce
# drawn for each rendering so that no stored text can pose as one.
MARKER = "<!--lc-personal:{nonce}:{index}-->"
# What is kept: pages and Atom feeds.
KEPT_TYPES = ("text/html", "application/atom+xml")
# Query parameters that never change what a page shows.
IGNORED_PARAMETERS = {"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"}

# Each look-up of either page cache, by its result, for /metrics: "anonymous" is the whole-page
# cache for cookieless visitors (londonconnects.middleware), "shared" this one.
PAGE_CACHE_LOOKUPS = Counter(
    "londonconnects_page_cache_lookups",
    "Look-ups of the page caches (anonymous: whole pages for cookieless visitors; shared: "
    "pages per visibility class, with holes), by result.",
    ["cache", "result"],
)


def visibility_class(user) -> str:
    """Who may see what on the public site: the public, a signed-in account of no partner, or
    a partner. Every visitor of a class sees the same shared page."""
    if not user.is_authenticated:
        return "public"
    # Partners see partners-only forums, papers and events, and contacts' consented details.
    return "partner" if is_partner(user) else "signed-in"


@dataclass
class Holes:
    """The personal parts of one shared rendering, in the order they appear."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(8))
    parts: list[tuple[str, dict]] = field(default_factory=list)

    def add(self, name: str, values: dict) -> str:
        self.parts.append((name, values))
        return MARKER.format(nonce=self.nonce, index=len(self.parts) - 1)


def render_personal(request, name: str, values: dict) -> str:
    """One personal part, for this visitor: a template (with the context processors: user,
    messages, the CSRF token) or a function ``(request, **values) -> html``."""
    if name.endswith(".html"):
        return render_to_string(name, values, request=request)
    return import_string(name)(request, **values)


def personal_part(request, name: str, values: dict) -> str:
    """What ``{% personal %}`` writes: a hole while a shared page is rendered, else the part."""
    holes = getattr(request, "personal_holes", None)
    if holes is None:
        return render_personal(request, name, values)
    return holes.add(name, values)


def fill(request, content: str, holes: Holes) -> str:
    for index, (name, values) in enumerate(holes.parts):
        marker = MARKER.format(nonce=holes.nonce, index=index)
        content = content.replace(marker, render_personal(request, name, values), 1)
    return content


def page_key(request) -> str:
    params = sorted(
        (key, value)
        for key, values in request.GET.lists()
        if key not in IGNORED_PARAMETERS
        for value in values
    )
    address = repr((request.get_host(), request.path, params))
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    # Today's date: funding's "closing soon" and statuses, the home page's lists.
    day = timezone.localdate().isoformat()
    return f"shared-page:{data_version()}:{visibility_class(request.user)}:{day}:{digest}"


def may_keep(response) -> bool:
    """Whether a response may be kept for other visitors, by either page cache: a 200 page or
    feed, whole (not streamed), that sets no cookie and is not marked for this visitor alone
    (``private`` or ``no-store``, as a signed link's page is)."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(KEPT_TYPES)
        and not {"private", "no-store"} & set(cc_delim_re.split(response.get("Cache-Control", "")))
    )


def serve_shared(request, respond):
    """Answer ``request`` from the shared page cache, or with ``respond()`` (the view) and keep
    what it rendered for the next visitor of the same class."""
    if request.method not in ("GET", "HEAD") or settings.SHARED_PAGE_CACHE_SECONDS <= 0:
        return respond()
    key = page_key(request)
    stored = cache.get(key)
    if stored is not None:
        PAGE_CACHE_LOOKUPS.labels(cache="shared", result="hit").inc()
        content, holes, content_type = stored
        response = HttpResponse(fill(request, content, holes), content_type=content_type)
        response["X-Shared-Page-Cache"] = "hit"
        return response
    PAGE_CACHE_LOOKUPS.labels(cache="shared", result="miss").inc()
    holes = request.personal_holes = Holes()
    token_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    try:
        response = respond()
        if hasattr(response, "render"):
            response.render()
    finally:
        del request.personal_holes
    if response.streaming:
        return response
    content = response.content.decode(response.charset)
    token_asked = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) and not token_before
    if may_keep(response) and not token_asked:
        cache.set(
            key, (content, holes, response["Content-Type"]), settings.SHARED_PAGE_CACHE_SECONDS
        )
        response["X-Shared-Page-Cache"] = "miss"
    response.content = fill(request, content, holes)
    return response


def shared_page(view):
    """Decorate a function view whose page is the same for every visitor of a class."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return serve_shared(request, lambda: view(request, *args, **kwargs))

    return wrapped


class SharedPageCacheMixin:
    """For a class-based view whose GET page is the same for every visitor of a class."""

    # False for a rendering meant for one visitor alone (an entry's draft preview): the
    # shared page cache neither answers it nor keeps it.
    shared_page = True

    def dispatch(self, request, *args, **kwargs):
        parent = super().dispatch
        if not self.shared_page:
            return parent(request, *args, **kwargs)
        return serve_shared(request, lambda: parent(request, *args, **kwargs))
