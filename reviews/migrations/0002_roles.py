from django.db import migrations

from partners.roles import EDITOR, STEERING_GROUP, grant_operation

# The steering group writes and publishes the review; editors may too, as for every register.
REVIEW_PERMISSIONS = [
    *[f"reviews.{action}_review" for action in ("add", "change", "view")],
    *[f"reviews.{action}_section" for action in ("add", "change", "delete", "view")],
    "reviews.view_edition",
    "reviews.publish_review",
]
GRANTS = {STEERING_GROUP: REVIEW_PERMISSIONS, EDITOR: REVIEW_PERMISSIONS}


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("partners", "0003_roles"),
    ]

    operations = [grant_operation(GRANTS)]
