from django.db import models


class JobRun(models.Model):
    """One run of a scheduled job at one of its scheduled times.

    The row is written before the job starts, and (job, scheduled time) is unique: a second
    scheduler started by mistake fails to write it and skips the run, so each run happens
    once however many schedulers ask (``scheduler.jobs.run_job``).
    """

    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        OK = "ok", "Succeeded"
        FAILED = "failed", "Failed"

    job = models.CharField(max_length=100, help_text="The management command run.")
    scheduled_for = models.DateTimeField(help_text="The time the schedule gave for this run.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    output = models.TextField(blank=True, help_text="What the command printed.")
    error = models.TextField(blank=True, help_text="The error and where it arose, if it failed.")

    class Meta:
        ordering = ["-scheduled_for", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "scheduled_for"], name="one_run_per_job_time")
        ]

    def __str__(self):
        return f"{self.job} at {self.scheduled_for:%Y-%m-%d %H:%M}"

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at
