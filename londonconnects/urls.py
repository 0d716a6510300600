from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from accounts.forms import SignInForm
from api import views as api_views
from api.api import api
from registers import views as register_views

from . import metrics, views
from .sitemaps import SITEMAPS

handler400 = "londonconnects.views.bad_request"
handler500 = "londonconnects.views.server_error"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", include("search.urls")),
    path("alerts/", include("alerts.urls")),
    path("api/", api_views.docs, name="api_docs"),
    path("api/", api.urls),
    path("projects/", include("projects.urls")),
    path("contacts/", include("contacts.urls")),
    path("eindex/", include("eindex.urls")),
    path("funding/", include("funding.urls")),
    path("papers/", include("papers.urls")),
    path("forums/", include("forums.urls")),
    path("reviews/", include("reviews.urls")),
    path("products/", include("products.urls")),
    path("events/", include("events.urls")),
    path("joint-work/", include("jointwork.urls")),
    path("my/", include("mypage.urls")),
    path("", include("jointwork.partner_urls")),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("open-data/", views.open_data, name="open_data"),
    path("reviewed/<str:token>/", register_views.entry_reviewed, name="entry_reviewed"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.live, name="live"),
    path("metrics", metrics.metrics, name="metrics"),
]
