from django.urls import path

from . import views

app_name = "jointwork"

urlpatterns = [
    path("", views.JointWorkView.as_view(), name="map"),
]
