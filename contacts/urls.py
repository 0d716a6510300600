from django.urls import path

from . import feeds, views

app_name = "contacts"

urlpatterns = [
    path("", views.ContactListView.as_view(), name="list"),
    path("feed/", feeds.NewContactsFeed(), name="feed"),
    path("<slug:slug>/", views.ContactDetailView.as_view(), name="detail"),
    path("<slug:slug>/vcard/", views.vcard, name="vcard"),
    path("<slug:slug>/email/", views.email, name="email"),
]
