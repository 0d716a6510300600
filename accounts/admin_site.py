from django.conf import settings
from django.contrib.admin import AdminSite
from django_otp.admin import OTPAdminSite


class LondonConnectsAdminSite(OTPAdminSite):
    """The admin, requiring a verified second factor when ``ADMIN_REQUIRE_OTP`` is on (as it is
    in production); the demo and the tests can run without one."""

    site_header = "LondonConnects admin"
    site_title = "LondonConnects admin"
    index_title = "Registers"

    @property
    def login_form(self):
        return OTPAdminSite.login_form if settings.ADMIN_REQUIRE_OTP else None

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.ADMIN_REQUIRE_OTP else None

    def has_permission(self, request):
        if settings.ADMIN_REQUIRE_OTP:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)
