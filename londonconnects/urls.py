from django.contrib import admin
from django.urls import include, path

from . import views

handler500 = "londonconnects.views.server_error"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("projects/", include("projects.urls")),
    path("", include("partners.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.live, name="live"),
]
