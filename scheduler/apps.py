from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    """The periodic jobs (``manage.py run_scheduler``): which management commands run when
    (``settings.SCHEDULE``), and a record of every run."""

    name = "scheduler"
    verbose_name = "Scheduled jobs"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check of the schedule)
