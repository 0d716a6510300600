from django.apps import AppConfig


class ProductsConfig(AppConfig):
    """The register of projects' reusable products and who took them up."""

    name = "products"
    verbose_name = "Products"
    # Its demo data, which ``manage.py load_demo`` loads from what apps declare.
    demo_loader = "products.demo.load_products"
    # Its bulk rows for benchmarks: ``manage.py seed_bulk --products N``, after the projects.
    bulk_seeder = ("products", "products.bulk.seed_products")

    def ready(self):
        from registers.merge import after_merge

        from .services import lead_takes_up_nothing

        after_merge(lead_takes_up_nothing)
