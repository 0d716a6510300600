from django.db import migrations

from partners.roles import STEERING_GROUP, grant_operation

# The steering group opens consultations in any forum; moderators open them in the forums they
# moderate (forums.services.may_open_consultation).
GRANTS = {STEERING_GROUP: ["forums.open_consultations"]}


class Migration(migrations.Migration):
    dependencies = [("forums", "0008_consultations")]

    operations = [grant_operation(GRANTS)]
