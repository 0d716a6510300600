from django.db import migrations, models


def status_of_papers_read_on_upload(apps, schema_editor):
    """Papers uploaded before had their words read during the upload: read, or failed."""
    Paper = apps.get_model("papers", "Paper")
    Paper.objects.exclude(text_error="").update(text_status="failed")
    Paper.objects.filter(text_error="").update(text_status="extracted")


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0003_last_reviewed"),
    ]

    operations = [
        # The words are derived from the file, not edits: versions keep none of them.
        migrations.RemoveField(
            model_name="historicalpaper",
            name="text_error",
        ),
        migrations.AddField(
            model_name="paper",
            name="text_status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting to be read"),
                    ("extracted", "Read"),
                    ("failed", "Failed"),
                    ("too-large", "Too large"),
                    ("timed-out", "Timed out"),
                ],
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="text for search",
            ),
        ),
        migrations.RunPython(status_of_papers_read_on_upload, migrations.RunPython.noop),
    ]
