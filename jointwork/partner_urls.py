"""The ``partners`` URLs: partners' own lists (floor 1) and, from this floor, the
organisation and group pages that bring in the registers. Names and addresses are as they
always were (``partners:organisation``, ``/organisations/<slug>/``)."""

from django.urls import path

from partners.urls import urlpatterns as partner_lists

from . import organisations

app_name = "partners"

urlpatterns = [
    *partner_lists,
    path(
        "organisations/<slug:slug>/",
        organisations.OrganisationDetailView.as_view(),
        name="organisation",
    ),
    path("groups/<slug:slug>/", organisations.GroupDetailView.as_view(), name="group"),
]
