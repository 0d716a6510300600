"""The roles people hold on the site, as Django groups with exactly the permissions they need.

Each register grants its own permissions to the roles from a data migration, through
``grant_permissions``, so a role never depends on an app that is not installed.
"""

PARTNER_OFFICER = "Partner officer"
EDITOR = "Editor"
MODERATOR = "Moderator"
STEERING_GROUP = "Steering group"
ROLES = (PARTNER_OFFICER, EDITOR, MODERATOR, STEERING_GROUP)
# Editors (and superusers) edit every organisation's entries; partner officers only their own.
EDIT_ALL_PERMISSION = "partners.edit_all_organisations"


def grant_permissions(apps, grants: dict[str, list[str]]) -> None:
    """Give each role (creating it if need be) the listed ``app_label.codename`` permissions.

    Permissions are normally created after all migrations have run; create them now so a
    fresh database gets its roles in the same ``migrate``.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, permissions in grants.items():
        group, _ = group_model.objects.get_or_create(name=role)
        for label in permissions:
            app_label, codename = label.split(".")
            group.permissions.add(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke_permissions(apps, grants: dict[str, list[str]]) -> None:
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, permissions in grants.items():
        group = group_model.objects.filter(name=role).first()
        if group is None:
            continue
        for label in permissions:
            app_label, codename = label.split(".")
            group.permissions.remove(
                *permission_model.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )


def grant_operation(grants: dict[str, list[str]]):
    """The migration operation that gives roles these permissions, and takes them back when
    the migration is reversed."""
    from django.db import migrations

    return migrations.RunPython(
        lambda apps, schema_editor: grant_permissions(apps, grants),
        lambda apps, schema_editor: revoke_permissions(apps, grants),
    )
