from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = "Accounts and sign-in security"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from .backends import count_failure

        user_login_failed.connect(count_failure, dispatch_uid="accounts.count_failure")


class LondonConnectsAdminConfig(admin_apps.AdminConfig):
    """The admin, on LondonConnects' admin site (two-factor sign-in when required)."""

    default = False
    default_site = "accounts.admin_site.LondonConnectsAdminSite"
