import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

LAST_SEEN = "staff_last_seen"


class StaffIdleTimeoutMiddleware:
    """Sign staff out after ``STAFF_IDLE_TIMEOUT`` seconds without a request: an unattended
    admin session in a shared office is the easiest way in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, "You were signed out because you were away for a while.")
            else:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
