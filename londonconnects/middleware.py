import hashlib
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers

from accounts.addresses import client_address
from registers.cache import data_version
from registers.pagecache import PAGE_CACHE_LOOKUPS, may_keep

from . import metrics
from .logging import request_id_var

access_log = logging.getLogger("londonconnects.access")
# A request id from the load balancer is kept only if it looks like one.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


class RequestMetricsMiddleware:
    """Count every request by view, method and status, time it, and count its database
    queries, for /metrics (londonconnects.metrics)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return metrics.measure(request, self.get_response)


class RequestIdMiddleware:
    """Give every request an id (or keep the load balancer's), send it back as X-Request-ID,
    and log one access line for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "client": client_address(request),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than MAX_REQUEST_BODY_SIZE with 413,
    before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_SIZE:
            limit_mb = settings.MAX_REQUEST_BODY_SIZE // (1024 * 1024)
            body = render_to_string(
                "413.html", {"limit_mb": limit_mb, "request_id": request_id_var.get()}
            )
            return HttpResponse(body, status=413)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django has no setting for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response


class AnonymousPageCacheMiddleware:
    """Serve public pages to visitors who carry no cookie from the shared cache.

    Most visitors are the public: no session, nothing personal on the page. Their pages are
    kept under a key that includes the registers' data version, so a publish (or any edit)
    is seen at once by every worker, and PAGE_CACHE_SECONDS bounds anything else. Only a
    GET without a session answered 200 with HTML (or an Atom feed) that sets no cookie is
    kept (a page carrying a CSRF token sets one); the security headers are added outside
    this middleware, on every response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method != "GET"
            # Only a CSRF cookie may come along: a session or a pending message means a
            # page for this visitor alone.
            or set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}
            or not settings.PAGE_CACHE_SECONDS
            or request.path.startswith(settings.PAGE_CACHE_EXEMPT_PREFIXES)
        ):
            return self.get_response(request)
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(address.encode()).hexdigest()[:40]
        key = f"page:{data_version()}:{digest}"
        stored = cache.get(key)
        if stored is not None:
            PAGE_CACHE_LOOKUPS.labels(cache="anonymous", result="hit").inc()
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        PAGE_CACHE_LOOKUPS.labels(cache="anonymous", result="miss").inc()
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        if may_keep(response):
            cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
        return response
