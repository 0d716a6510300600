"""Sign-in throttling by address, beside django-axes' lock-out by user name and address.

Axes locks a user name *from one address* after ``AXES_FAILURE_LIMIT`` wrong passwords, so
nobody can lock an officer out of their account from elsewhere. That alone lets one address
try one common password against every user name (password spraying). So every wrong
password also counts against the address, across user names, and once an address reaches
``SIGN_IN_ADDRESS_FAILURE_LIMIT`` in the cool-off period, every sign-in from it is refused
until that period ends, with the same lock-out page (429).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from . import throttle
from .addresses import client_address


def _key(request) -> str:
    return f"sign-in-failures:{client_address(request)}"


def address_is_throttled(request) -> bool:
    used = throttle.used(_key(request), window=settings.AXES_COOLOFF_TIME)
    return used >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


def count_failure(sender, credentials, request=None, **kwargs):
    """``user_login_failed``: one more wrong password from this address."""
    if request is not None:
        throttle.take(
            _key(request),
            limit=settings.SIGN_IN_ADDRESS_FAILURE_LIMIT,
            window=settings.AXES_COOLOFF_TIME,
        )


class SignInThrottleBackend:
    """Before the password backend: refuses every sign-in from a throttled address before
    any password is checked. It signs nobody in, so it has no ``get_user``."""

    def authenticate(self, request, **credentials):
        if request is not None and address_is_throttled(request):
            # AxesMiddleware answers a request marked so with its lock-out page.
            request.axes_locked_out = True
            raise PermissionDenied
        return None
