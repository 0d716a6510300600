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


def test_seed_bulk_contacts_respects_its_own_rows(capsys):
    from contacts.bulk import PREFIX as CONTACT_PREFIX
    from contacts.models import Contact
    from tests.factories import PublishedContactFactory

    demo = PublishedContactFactory(title="Demo Person")

    call_command("seed_bulk", contacts=30)
    call_command("seed_bulk", contacts=12)

    bulk = Contact.objects.filter(slug__startswith=CONTACT_PREFIX)
    assert bulk.published().count() == 12
    assert Contact.objects.filter(pk=demo.pk).exists()
    assert "12 contacts" in capsys.readouterr().out


def test_seed_bulk_refuses_a_negative_count():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="must not be negative"):
        call_command("seed_bulk", projects=-1)
