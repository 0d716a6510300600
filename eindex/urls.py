from django.urls import path

from . import feeds, views

app_name = "eindex"

urlpatterns = [
    path("", views.EindexView.as_view(), name="index"),
    path("feed/", feeds.NewLinksFeed(), name="feed"),
    path("<slug:slug>/", views.SectionView.as_view(), name="section"),
]
