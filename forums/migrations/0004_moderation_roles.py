from django.db import migrations

from partners.roles import EDITOR, MODERATOR, grant_operation

GRANTS = {
    role: ["forums.view_moderationaction", "forums.view_report"] for role in (MODERATOR, EDITOR)
}


class Migration(migrations.Migration):
    dependencies = [("forums", "0003_moderation")]

    operations = [grant_operation(GRANTS)]
