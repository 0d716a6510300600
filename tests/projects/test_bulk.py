import pytest
from django.core.management import call_command

from projects.bulk import PREFIX
from projects.models import Project
from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_seed_bulk_makes_published_projects_and_replaces_its_own_rows_only(capsys):
    demo = PublishedProjectFactory(title="Demo content")

    call_command("seed_bulk", projects=40)
    call_command("seed_bulk", projects=25)

    bulk = Project.objects.filter(slug__startswith=PREFIX)
    assert bulk.count() == 25
    assert bulk.published().count() == 25
    assert all(project.sub_regions.exists() for project in bulk[:5])
    assert Project.objects.filter(pk=demo.pk).exists()
    assert "25 projects" in capsys.readouterr().out
