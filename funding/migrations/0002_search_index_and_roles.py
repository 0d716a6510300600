from django.db import migrations

from partners.roles import EDITOR, PARTNER_OFFICER, STEERING_GROUP, grant_operation
from registers.operations import search_index

ENTRY_PERMISSIONS = [
    f"funding.{action}_fundingsource" for action in ("add", "change", "delete", "view")
]
GRANTS = {
    PARTNER_OFFICER: ENTRY_PERMISSIONS,
    EDITOR: ENTRY_PERMISSIONS,
    STEERING_GROUP: ["funding.view_fundingsource"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_initial"),
        ("partners", "0003_roles"),
    ]

    operations = [
        search_index("funding_fundingsource"),
        grant_operation(GRANTS),
    ]
