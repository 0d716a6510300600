from django.urls import path

from . import feeds, views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("feed/", feeds.NewProjectsFeed(), name="feed"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
    path("<slug:slug>/interest/", views.interest, name="interest"),
]
