from django.urls import path

from . import booking_views, calendar, feeds, views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("feed/", feeds.NewEventsFeed(), name="feed"),
    path("calendar.ics", calendar.upcoming_calendar, name="calendar"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/event.ics", calendar.event_calendar, name="event_calendar"),
    path("<slug:slug>/book/", booking_views.book, name="book"),
    path("<slug:slug>/cancel/", booking_views.cancel, name="cancel"),
]
