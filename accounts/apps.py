from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = "Accounts and sign-in security"


class LondonConnectsAdminConfig(admin_apps.AdminConfig):
    """The admin, on LondonConnects' admin site (two-factor sign-in when required)."""

    default = False
    default_site = "accounts.admin_site.LondonConnectsAdminSite"
