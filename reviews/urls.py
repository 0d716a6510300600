from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:year>/", views.review_detail, name="detail"),
    path("<int:year>/pdf/", views.review_pdf, name="pdf"),
    path("<int:year>/data.csv", views.review_data, name="data"),
]
