from django.db import migrations

from partners.roles import EDITOR, PARTNER_OFFICER, STEERING_GROUP, grant_operation
from registers.operations import search_index

ENTRY_PERMISSIONS = [f"products.{action}_product" for action in ("add", "change", "delete", "view")]
GRANTS = {
    PARTNER_OFFICER: ENTRY_PERMISSIONS,
    EDITOR: ENTRY_PERMISSIONS,
    STEERING_GROUP: ["products.view_product"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("products", "0001_initial"),
        ("partners", "0003_roles"),
    ]

    operations = [
        search_index("products_product"),
        grant_operation(GRANTS),
    ]
