from django.urls import path

from . import calendar, feeds, views

app_name = "funding"

urlpatterns = [
    path("", views.FundingListView.as_view(), name="list"),
    path("feed/", feeds.NewFundingFeed(), name="feed"),
    path("deadlines.ics", calendar.deadlines, name="deadlines"),
    path("<slug:slug>/", views.FundingDetailView.as_view(), name="detail"),
]
