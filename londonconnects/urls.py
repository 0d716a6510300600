from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "LondonConnects admin"
admin.site.site_title = "LondonConnects admin"
admin.site.index_title = "Registers"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("projects/", include("projects.urls")),
    path("", include("partners.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.live, name="live"),
]
