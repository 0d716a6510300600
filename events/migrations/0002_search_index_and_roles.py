from django.db import migrations

from partners.roles import EDITOR, PARTNER_OFFICER, STEERING_GROUP, grant_operation
from registers.operations import search_index

ENTRY_PERMISSIONS = [f"events.{action}_event" for action in ("add", "change", "delete", "view")]
GRANTS = {
    PARTNER_OFFICER: ENTRY_PERMISSIONS,
    EDITOR: ENTRY_PERMISSIONS,
    STEERING_GROUP: ["events.view_event"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("partners", "0003_roles"),
    ]

    operations = [
        search_index("events_event"),
        grant_operation(GRANTS),
    ]
