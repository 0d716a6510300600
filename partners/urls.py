from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisations/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation"),
    path("groups/", views.GroupListView.as_view(), name="groups"),
    path("groups/<slug:slug>/", views.GroupDetailView.as_view(), name="group"),
]
