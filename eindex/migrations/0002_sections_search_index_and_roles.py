from django.db import migrations

from partners.roles import EDITOR, STEERING_GROUP, grant_operation
from registers.operations import search_index

# The four sections named in the e-government strategy.
SECTIONS = [
    (
        "legislation-and-standards",
        "Government legislation, policies, standards and infrastructure",
        "Acts, national policy and strategy, interoperability and data standards, and the "
        "shared infrastructure that e-government builds on.",
    ),
    (
        "knowledge-and-best-practice",
        "The government's knowledge network and best practice",
        "Where public servants share what works: networks, guidance, case studies and "
        "communities of practice.",
    ),
    (
        "surveys-and-research",
        "Surveys and research",
        "Statistics, surveys, evaluations and research on digital public services and their users.",
    ),
    (
        "national-services",
        "National e-government services",
        "Services the public use online, run nationally for every part of the country.",
    ),
]

ENTRY_PERMISSIONS = [
    f"eindex.{action}_{model}"
    for model in ("link", "section", "subcategory")
    for action in ("add", "change", "delete", "view")
]
GRANTS = {EDITOR: ENTRY_PERMISSIONS, STEERING_GROUP: ["eindex.view_link"]}


def add_sections(apps, schema_editor):
    section_model = apps.get_model("eindex", "Section")
    for order, (slug, name, description) in enumerate(SECTIONS, start=1):
        section_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )


def remove_sections(apps, schema_editor):
    section_model = apps.get_model("eindex", "Section")
    section_model.objects.filter(slug__in=[slug for slug, *_ in SECTIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("eindex", "0001_initial"),
        ("partners", "0003_roles"),
    ]

    operations = [
        migrations.RunPython(add_sections, remove_sections),
        search_index("eindex_link"),
        grant_operation(GRANTS),
    ]
