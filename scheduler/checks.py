"""``manage.py check`` (and every start of the site) reports a schedule that names a command
that does not exist or gives a time that cannot be read, before the scheduler meets it."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def check_schedule(app_configs, **kwargs):
    from .jobs import scheduled_jobs

    try:
        scheduled_jobs()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="scheduler.E001")]
    return []
