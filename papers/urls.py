from django.urls import path

from . import feeds, views

app_name = "papers"

urlpatterns = [
    path("", views.PaperListView.as_view(), name="list"),
    path("feed/", feeds.NewPapersFeed(), name="feed"),
    path("<slug:slug>/", views.PaperDetailView.as_view(), name="detail"),
    path("<slug:slug>/download/", views.download, name="download"),
]
