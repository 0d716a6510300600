from django.contrib import admin

from registers.admin import ReadOnlyAdmin

from .models import JobRun


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    """The last runs of the scheduled jobs, for editors to see that they happen and why one
    failed."""

    list_display = ["job", "scheduled_for", "started_at", "finished_at", "outcome"]
    list_filter = ["outcome", "job"]
    date_hierarchy = "scheduled_for"
    fields = ["job", "scheduled_for", "started_at", "finished_at", "outcome", "output", "error"]
