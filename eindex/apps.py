from django.apps import AppConfig


class EindexConfig(AppConfig):
    name = "eindex"
    verbose_name = "E-index"
