from django.db import migrations

from partners.roles import EDITOR, MODERATOR, grant_operation

MODERATION = [
    "forums.moderate_forums",
    *[f"forums.{action}_{model}" for model in ("topic", "post") for action in ("view", "change")],
    *[f"forums.{action}_suspension" for action in ("add", "change", "delete", "view")],
    "forums.view_forum",
]
GRANTS = {
    MODERATOR: MODERATION,
    EDITOR: [
        *MODERATION,
        *[f"forums.{action}_forum" for action in ("add", "change", "delete")],
    ],
}


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_initial"),
        ("partners", "0003_roles"),
    ]

    operations = [grant_operation(GRANTS)]
