from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = "Register machinery"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals

        signals.connect_signals()
        post_migrate.connect(create_cache_table, sender=self)
        post_migrate.connect(create_full_text_tables, sender=self)


def create_cache_table(using="default", **kwargs):
    """The shared cache may be a database table: make sure `migrate` alone creates it."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


def create_full_text_tables(using="default", **kwargs):
    """SQLite's search tables (``registers.search``), one per searchable model, made and
    filled after every `migrate`: a model added by any app later gets its table then, and its
    document is read from the model as it is now, which a migration frozen in history could
    not do."""
    from .search import ensure_full_text_tables

    ensure_full_text_tables(using)
