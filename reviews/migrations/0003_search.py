"""Editions join the site search: their title and words as plain text, filled in from the
content each edition froze."""

from django.db import migrations, models


def fill_text(apps, schema_editor):
    from reviews.models import published_text

    Edition = apps.get_model("reviews", "Edition")
    for edition in Edition.objects.all():
        edition.title = edition.content.get("title", "")
        edition.text = published_text(edition.content)
        edition.save(update_fields=["title", "text"])


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="edition",
            name="title",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.RunPython(fill_text, migrations.RunPython.noop),
    ]
