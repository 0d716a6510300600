from django.apps import AppConfig


class ProductsConfig(AppConfig):
    """The register of projects' reusable products and who took them up."""

    name = "products"
    verbose_name = "Products"
