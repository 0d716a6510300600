from django.db import migrations

from partners.roles import EDITOR, grant_operation

# Editors look after the site's content and see whether its jobs ran; nobody changes a run.
GRANTS = {EDITOR: ["scheduler.view_jobrun"]}


class Migration(migrations.Migration):
    dependencies = [
        ("scheduler", "0001_job_runs"),
        ("partners", "0003_roles"),
    ]

    operations = [grant_operation(GRANTS)]
