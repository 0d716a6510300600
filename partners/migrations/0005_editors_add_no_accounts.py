from django.db import migrations

from partners.roles import EDITOR, grant_permissions, revoke_permissions

# Accounts are added by superusers only (issue 14): an editor keeps auth.view_user and
# auth.change_user, which the user admin narrows to switching a partner's account off or on
# and moving it to another organisation.
TAKEN_BACK = {EDITOR: ["auth.add_user"]}


class Migration(migrations.Migration):
    dependencies = [("partners", "0004_link_health")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: revoke_permissions(apps, TAKEN_BACK),
            lambda apps, schema_editor: grant_permissions(apps, TAKEN_BACK),
        )
    ]
