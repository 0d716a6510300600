from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = "Register machinery"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals

        signals.connect_signals()
        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(using="default", **kwargs):
    """The shared cache may be a database table: make sure `migrate` alone creates it."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
