from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = "Register machinery"

    def ready(self):
        from . import signals

        signals.connect_signals()
