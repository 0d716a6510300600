from django.db import migrations

from partners.roles import EDITOR, PARTNER_OFFICER, STEERING_GROUP, grant_operation
from registers.operations import search_index

ENTRY_PERMISSIONS = [f"papers.{action}_paper" for action in ("add", "change", "delete", "view")]
GRANTS = {
    PARTNER_OFFICER: ENTRY_PERMISSIONS,
    EDITOR: ENTRY_PERMISSIONS,
    STEERING_GROUP: ["papers.view_paper"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0001_initial"),
        ("partners", "0003_roles"),
    ]

    operations = [
        search_index("papers_paper"),
        grant_operation(GRANTS),
    ]
