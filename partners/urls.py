"""Partners' own pages: the lists of organisations and groups. Each organisation's and
group's page shows register entries too, so it is added a floor up (jointwork.partner_urls,
which the site includes in place of this module)."""

from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("groups/", views.GroupListView.as_view(), name="groups"),
]
