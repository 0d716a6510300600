"""Issue 16, item 6: "Still correct" in the admin. The change form's button and the bulk
action (best with the "review due" filter) stamp the review date only, as a reminder's link
does: no other field, no version in the history. An officer stamps only their own
organisation's entries."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from registers.models import PublicationStatus
from tests.factories import (
    ContactFactory,
    EditorFactory,
    FundingSourceFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    ProjectFactory,
)
from tests.registers.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=500)

# register: make an entry owned by an organisation
REGISTERS = {
    "project": lambda org, **kw: ProjectFactory(lead_organisation=org, themes=["housing"], **kw),
    "contact": lambda org, **kw: ContactFactory(organisation=org, **kw),
    "funding": lambda org, **kw: FundingSourceFactory(owner=org, **kw),
    "paper": lambda org, **kw: PaperFactory(
        organisation=org, publication_status=PublicationStatus.PUBLISHED, **kw
    ),
}


def stale(entry):
    type(entry).objects.filter(pk=entry.pk).update(last_reviewed_on=LONG_AGO)
    entry.refresh_from_db()
    return entry


def snapshot(entry) -> dict:
    """Everything about an entry but its review date: every column, its themes, its history."""
    entry = type(entry).objects.get(pk=entry.pk)
    columns = {
        field.attname: getattr(entry, field.attname)
        for field in entry._meta.concrete_fields
        if field.attname != "last_reviewed_on"
    }
    return {
        **columns,
        "themes": sorted(entry.tags.names()),
        "history": list(entry.history.values_list("history_id", flat=True)),
    }


def admin_url(entry, action, *args):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def officer(staff_login, organisation):
    return staff_login(PartnerOfficerFactory(organisation=organisation))


@pytest.fixture(params=REGISTERS)
def make(request):
    return REGISTERS[request.param]


def test_the_button_stamps_the_review_date_and_nothing_else(client, officer, organisation, make):
    entry = stale(make(organisation))
    before = snapshot(entry)
    change = admin_url(entry, "change", entry.pk)
    form = client.get(change)
    assert 'value="Still correct" name="_still_correct"' in form.content.decode()

    response = client.post(change, change_form_data(form, _still_correct="Still correct"))

    assert response.status_code == 302 and response["Location"] == change
    assert said(response) == [
        f"“{entry}” is marked as still correct: reviewed today, nothing else changed."
    ]
    entry.refresh_from_db()
    assert entry.last_reviewed_on == TODAY
    assert snapshot(entry) == before


def test_with_changes_on_the_form_nothing_is_stamped_or_saved_and_the_typing_is_kept(
    client, officer, organisation
):
    entry = stale(REGISTERS["project"](organisation, summary="What it was."))
    before = snapshot(entry)
    change = admin_url(entry, "change", entry.pk)
    data = change_form_data(
        client.get(change), summary="What I typed.", _still_correct="Still correct"
    )

    response = client.post(change, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "What I typed." in page
    assert "so it was not marked as still correct and nothing was saved" in page
    entry.refresh_from_db()
    assert entry.last_reviewed_on == LONG_AGO
    assert snapshot(entry) == before


def test_a_changed_link_on_the_form_also_stops_the_stamp(client, officer, organisation):
    entry = stale(REGISTERS["project"](organisation))
    change = admin_url(entry, "change", entry.pk)
    data = change_form_data(
        client.get(change),
        **{
            "links-0-label": "A new link",
            "links-0-url": "https://new.example.org/",
        },
        _still_correct="Still correct",
    )

    response = client.post(change, data)

    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.last_reviewed_on == LONG_AGO
    assert not entry.links.exists()


def test_the_button_on_another_organisations_entry_is_forbidden(client, officer, make):
    theirs = stale(make(OrganisationFactory()))
    before = snapshot(theirs)

    response = client.post(
        admin_url(theirs, "change", theirs.pk), {"_still_correct": "Still correct"}
    )

    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.last_reviewed_on == LONG_AGO
    assert snapshot(theirs) == before


def test_the_bulk_action_stamps_the_officers_own_selected_entries_only(
    client, officer, organisation, make
):
    ours = [stale(make(organisation)) for _ in range(2)]
    not_selected = stale(make(organisation))
    theirs = stale(make(OrganisationFactory()))
    before = {entry.pk: snapshot(entry) for entry in [*ours, not_selected, theirs]}
    changelist = admin_url(ours[0], "changelist") + "?review=due"
    listed = client.get(changelist)
    assert "Mark as still correct" in listed.content.decode()
    assert {entry.pk for entry in listed.context["cl"].result_list} == {
        *(entry.pk for entry in ours),
        not_selected.pk,
    }

    response = client.post(
        changelist,
        {
            "action": "mark_still_correct",
            "_selected_action": [entry.pk for entry in [*ours, theirs]],
        },
    )

    assert response.status_code == 302
    plural = ours[0]._meta.verbose_name_plural
    assert said(response) == [
        f"2 {plural} marked as still correct: reviewed today, nothing else changed."
    ]
    for entry in [*ours, not_selected, theirs]:
        entry.refresh_from_db()
        assert entry.last_reviewed_on == (TODAY if entry in ours else LONG_AGO)
        assert snapshot(entry) == before[entry.pk]
    # Stamped, they leave the "review due" list.
    remaining = client.get(changelist).context["cl"].result_list
    assert [entry.pk for entry in remaining] == [not_selected.pk]


def test_editors_stamp_any_organisations_entries(client, staff_login, make):
    staff_login(EditorFactory())
    entries = [stale(make(OrganisationFactory())) for _ in range(2)]

    client.post(
        admin_url(entries[0], "changelist"),
        {"action": "mark_still_correct", "_selected_action": [entry.pk for entry in entries]},
    )

    for entry in entries:
        entry.refresh_from_db()
        assert entry.last_reviewed_on == TODAY
