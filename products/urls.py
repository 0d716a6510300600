from django.urls import path

from . import feeds, views

app_name = "products"

urlpatterns = [
    path("", views.ProductListView.as_view(), name="list"),
    path("feed/", feeds.NewProductsFeed(), name="feed"),
    path("<slug:slug>/", views.ProductDetailView.as_view(), name="detail"),
    path("<slug:slug>/take-up/", views.take_up, name="take_up"),
]
