"""The admin renders organisation relations as plain selects for the type-ahead pickers to
enhance (issue 16, item 7); tests/browser/test_pickers.py drives them in a browser."""

import pytest
from django.urls import reverse

from tests.factories import EditorFactory, PartnerOfficerFactory

pytestmark = pytest.mark.django_db


def test_partner_organisations_are_one_multiple_select_not_62_checkboxes(client, staff_login):
    staff_login(PartnerOfficerFactory())

    html = client.get(reverse("admin:projects_project_add")).content.decode()

    assert html.count('name="partner_organisations"') == 1
    assert 'data-picker="several"' in html and "multiple" in html
    assert "London Borough of Newham</option>" in html
    # The hint for choosing several without JavaScript is the widget's, said once.
    assert html.count("to choose more than one") == 1
    assert "to select more than one" not in html
    # Short lists stay checkboxes.
    assert 'type="checkbox" name="sub_regions"' in html


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("admin:projects_project_add", "lead_organisation"),
        ("admin:contacts_contact_add", "organisation"),
        ("admin:papers_paper_add", "organisation"),
        ("admin:funding_fundingsource_add", "funder_organisation"),
    ],
)
def test_an_editor_picks_an_entrys_organisation_from_a_select(client, staff_login, url, field):
    staff_login(EditorFactory())

    html = client.get(reverse(url)).content.decode()

    assert f'<select name="{field}" data-picker="one"' in html
