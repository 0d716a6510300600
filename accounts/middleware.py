import functools
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.functional import SimpleLazyObject
from django_otp.middleware import OTPMiddleware

LAST_SEEN = "staff_last_seen"
# The last-seen time is written to the session at most this often (or every half timeout,
# when the timeout is shorter than two of these): a session write on every request is a
# database transaction per click. Staff are therefore signed out after between
# STAFF_IDLE_TIMEOUT minus this and STAFF_IDLE_TIMEOUT seconds without a request, never later.
LAST_SEEN_RESOLUTION = 60


class StaffIdleTimeoutMiddleware:
    """Sign staff out after ``STAFF_IDLE_TIMEOUT`` seconds without a request: an unattended
    admin session in a shared office is the easiest way in.

    Placed before django-otp's OTPMiddleware, so that reading ``request.user`` here loads the
    user alone; the second-factor device is loaded only by a view that asks whether the user
    is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, "You were signed out because you were away for a while.")
            elif last_seen is None or now - last_seen >= self.write_interval():
                request.session[LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def write_interval() -> int:
        return min(LAST_SEEN_RESOLUTION, settings.STAFF_IDLE_TIMEOUT // 2)


class AdminSecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware, loading the second-factor device only when it is asked for.

    django-otp loads the verified device the first time ``request.user`` is touched: a query
    on every page a signed-in officer opens, though only the admin (and the account pages)
    ask whether they are verified. Elsewhere ``user.is_verified()`` loads it on first call,
    and ``user.otp_device`` is set from then on.
    """

    prefixes = ("/admin/", "/accounts/")

    def __call__(self, request):
        if self._is_async or request.path.startswith(self.prefixes):
            return super().__call__(request)
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(
                functools.partial(self._verify_on_demand, request, user)
            )
        return self.get_response(request)

    def _verify_on_demand(self, request, user):
        def is_verified():
            return self._verify_user_sync(request, user).is_verified()

        user.is_verified = is_verified
        return user
