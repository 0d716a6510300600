from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.urls import path
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

    def get_urls(self):
        # Django's own "view on site" redirects any staff account to any object's page, and
        # a draft's address holds its title: ours checks the object first.
        others = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        own = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [own, *others]

    def view_on_site(self, request, content_type_id, object_id):
        """Redirect to the object's page on the site if the user may see the object there or
        in this admin; otherwise 404, as if there were no such object."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:  # a content type left behind by a removed model
                raise Http404
            entry = model._base_manager.get(pk=object_id)
        except (ObjectDoesNotExist, ValidationError, ValueError):
            raise Http404 from None
        if not self.may_view_on_site(request, entry):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def may_view_on_site(self, request, entry) -> bool:
        model = type(entry)
        # Scoped as the change page is: an officer views only their organisation's entries.
        if self.is_registered(model) and self.get_model_admin(model).has_view_permission(
            request, entry
        ):
            return True
        # Each register declares what its readers see with a ``visible_to(user)`` queryset;
        # a model that declares nothing is shown only to those who may view it here.
        visible_to = getattr(model._default_manager, "visible_to", None)
        return visible_to is not None and visible_to(request.user).filter(pk=entry.pk).exists()
