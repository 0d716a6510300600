from django.db import migrations


def count(apps, schema_editor):
    from jointwork.summary import Models, rebuild

    rebuild(m=Models(apps))


class Migration(migrations.Migration):
    """The map's figures for the projects already registered; from here on every write keeps
    them current."""

    dependencies = [
        ("jointwork", "0001_summary_tables"),
        ("projects", "0009_web_address_and_position"),
        ("partners", "0006_web_address_and_position"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(count, migrations.RunPython.noop)]
