from django.db import migrations

from partners.roles import EDITOR, PARTNER_OFFICER, STEERING_GROUP, grant_operation
from registers.operations import search_index

ENTRY_PERMISSIONS = [
    f"contacts.{action}_{model}"
    for model in ("contact", "contactlink")
    for action in ("add", "change", "delete", "view")
]
GRANTS = {
    PARTNER_OFFICER: ENTRY_PERMISSIONS,
    EDITOR: ENTRY_PERMISSIONS,
    STEERING_GROUP: ["contacts.view_contact"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("projects", "0002_search_index_and_roles"),
    ]

    operations = [
        search_index("contacts_contact"),
        grant_operation(GRANTS),
    ]
