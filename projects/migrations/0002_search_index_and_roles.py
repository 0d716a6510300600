from django.db import migrations

from partners.roles import EDITOR, PARTNER_OFFICER, STEERING_GROUP, grant_operation
from registers.operations import search_index

ENTRY_PERMISSIONS = [
    f"projects.{action}_{model}"
    for model in ("project", "projectlink")
    for action in ("add", "change", "delete", "view")
]
GRANTS = {
    PARTNER_OFFICER: ENTRY_PERMISSIONS,
    EDITOR: ENTRY_PERMISSIONS
    + [f"taggit.{action}_tag" for action in ("add", "change", "delete", "view")],
    STEERING_GROUP: ["projects.view_project"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("partners", "0003_roles"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        search_index("projects_project"),
        grant_operation(GRANTS),
    ]
