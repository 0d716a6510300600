from django.db import migrations

from partners.roles import EDITOR, MODERATOR, PARTNER_OFFICER, STEERING_GROUP, grant_operation

GRANTS = {
    PARTNER_OFFICER: ["partners.view_organisation", "partners.view_group"],
    EDITOR: [
        f"partners.{action}_{model}"
        for model in ("organisation", "group", "sector", "subregion", "membership")
        for action in ("add", "change", "delete", "view")
    ]
    + ["partners.edit_all_organisations", "auth.view_user", "auth.add_user", "auth.change_user"],
    MODERATOR: [],
    STEERING_GROUP: ["partners.view_organisation", "partners.view_group"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_operation(GRANTS)]
