"""Who is at the other end of a request: one answer for sign-in lock-outs, rate limits and
the access log alike."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client's IP address.

    ``REMOTE_ADDR`` unless ``PROXY_COUNT`` trusted proxies (load balancers) stand in front of
    the site, each appending the address it was reached from to ``X-Forwarded-For``. Then it
    is the address the outermost of them appended, the ``PROXY_COUNT``-th from the right:
    anything further left was written by the client and proves nothing. A header with fewer
    entries than that, or a garbled one, did not come through our proxies: the peer's address
    is used instead.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count <= 0:
        return peer
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return peer
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return peer
