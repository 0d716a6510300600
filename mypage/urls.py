from django.urls import path

from . import views

app_name = "mypage"

urlpatterns = [
    path("", views.my_page, name="page"),
    path("still-correct/<str:register>/<int:pk>/", views.still_correct, name="still_correct"),
]
