"""Errors to Sentry, with the personal data taken out before anything leaves the process.

Started by the settings only when SENTRY_DSN is set; nothing here runs otherwise. The SDK is
told to collect no personal data (no user, no IP address, no cookies) nor request bodies nor
local variables, and ``scrub_event`` removes what could still come along: e-mail addresses
anywhere (an exception message, a log line, a breadcrumb, a URL), the tokens of the signed
links the site mails, the request's body,
cookies and Authorization header, the user's e-mail address and name, and the client
addresses the access log records.
"""

import re

# An e-mail address anywhere in a text: a run of address characters (an apostrophe inside,
# as in o'neil, not before it: 'a@b.org' is a quoted address), "@" (or "%40" in a URL's
# query), a domain ending in a dot and letters (so "release@1.2.3" is not one).
EMAIL_ADDRESS = re.compile(
    r"[\w!#$%*+/~-][\w.!#$%'*+/~-]*(?:@|%40)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"
)
FILTERED = "[Filtered]"
# The signed links the site mails (stop an alert, leave a forum's mail, confirm an entry as
# reviewed) carry their token in the path: whoever holds one acts as its owner, so a URL,
# a log line or a breadcrumb keeps the path without it.
SIGNED_LINK_TOKEN = re.compile(r"(/(?:unsubscribe|stop|reviewed)/)[^/\s?#\"']+")
# Values that are personal whatever they hold, wherever in an event they sit (header names
# compared without case, "-" and "_" alike): cookies, credentials, who the user is, the
# client's address (the access log's "client"), and a post's body.
PERSONAL_KEYS = {
    "authorization",
    "proxy_authorization",
    "cookie",
    "cookies",
    "set_cookie",
    "x_csrftoken",
    "csrfmiddlewaretoken",
    "email",
    "username",
    "ip_address",
    "remote_addr",
    "x_forwarded_for",
    "x_real_ip",
    "client",
    "body",
}
# Headers that carry the client's address or identity, besides those the SDK always withholds
# (Authorization, Cookie): parts of their names, as the SDK matches them.
PERSONAL_HEADER_TERMS = ["forwarded", "-ip", "remote-", "via", "-user"]
# What a request may keep: where it went and how, never what it carried.
REQUEST_KEYS = {"url", "method", "query_string", "headers", "env"}


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's ``before_send`` (and ``before_send_transaction``): the event without personal
    data."""
    request = event.get("request")
    if isinstance(request, dict):
        # The body (form fields: a forum post, a sign-in) and cookies are dropped whole.
        event["request"] = {key: value for key, value in request.items() if key in REQUEST_KEYS}
    user = event.get("user")
    if isinstance(user, dict):
        # Only the account's number, which says nothing to anyone outside the site.
        event["user"] = {key: value for key, value in user.items() if key == "id"}
    return scrubbed(event)


def scrubbed(value):
    if isinstance(value, str):
        return SIGNED_LINK_TOKEN.sub(rf"\1{FILTERED}", EMAIL_ADDRESS.sub(FILTERED, value))
    if isinstance(value, dict):
        return {
            key: FILTERED if is_personal(key) else scrubbed(item) for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(scrubbed(item) for item in value)
    return value


def is_personal(key) -> bool:
    return isinstance(key, str) and key.lower().replace("-", "_") in PERSONAL_KEYS


def start_sentry(dsn: str, *, environment: str, traces_sample_rate: float, transport=None) -> None:
    """Send errors (and, at ``traces_sample_rate``, performance traces) to ``dsn``. Tests pass a
    ``transport`` that keeps the envelopes instead of sending them."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration()],
        # What the integrations collect in the first place. This supersedes send_default_pii
        # (deprecated since sentry-sdk 2.75, and left at its default: off), whose "off" still
        # collects request bodies and frames' local variables: here no user, no cookie, no
        # body (a post's text), no local variable (an address being mailed), no SQL values.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "denylist", "terms": PERSONAL_HEADER_TERMS}},
            "http_bodies": [],
            "url_query_params": {"mode": "denylist"},
            "graphql": {"document": False, "variables": False},
            "gen_ai": {"inputs": False, "outputs": False},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        include_local_variables=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        **({"transport": transport} if transport is not None else {}),
    )
