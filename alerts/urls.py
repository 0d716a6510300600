from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.saved_searches, name="list"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("stop/<str:token>/", views.stop, name="stop"),
]
