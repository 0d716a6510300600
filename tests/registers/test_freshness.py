"""Freshness: entries carry a "last reviewed" date; past REVIEW_AFTER_DAYS they say "may be
out of date" publicly, `remind_owners` mails the owners' partner officers, and a reminder's
link stamps the date in one POST and changes nothing else."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from registers import freshness
from tests.factories import (
    ConsentingContactFactory,
    FundingSourceFactory,
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    ProjectFactory,
    PublishedProjectFactory,
)
from tests.pages import body
from tests.products.factories import PublishedProductFactory

pytestmark = pytest.mark.django_db


def reviewed_days_ago(entry, days):
    day = timezone.localdate() - datetime.timedelta(days=days)
    type(entry).objects.filter(pk=entry.pk).update(last_reviewed_on=day)
    entry.refresh_from_db()
    return entry


def test_a_new_or_edited_entry_is_reviewed_today(settings):
    project = reviewed_days_ago(PublishedProjectFactory(), 500)
    assert project.may_be_out_of_date

    project.summary = "Updated."
    project.save()

    assert project.last_reviewed_on == timezone.localdate()
    assert not project.may_be_out_of_date


@pytest.mark.parametrize(
    "make", [PublishedProjectFactory, ConsentingContactFactory, FundingSourceFactory, PaperFactory]
)
def test_the_public_page_says_when_an_entry_may_be_out_of_date(client, settings, make):
    settings.REVIEW_AFTER_DAYS = 365
    entry = make()
    fresh = body(client.get(entry.get_absolute_url()))
    assert "Last reviewed on" in fresh and "may be out of date" not in fresh

    reviewed_days_ago(entry, 366)
    stale = body(client.get(entry.get_absolute_url()))

    assert "This entry may be out of date" in stale
    settings.REVIEW_AFTER_DAYS = 400  # the period is a setting
    assert "may be out of date" not in body(client.get(entry.get_absolute_url()))


def test_remind_owners_mails_each_officer_their_own_stale_published_entries(settings):
    newham, camden = OrganisationFactory(name="Newham"), OrganisationFactory(name="Camden")
    stale = reviewed_days_ago(PublishedProjectFactory(lead_organisation=newham), 400)
    stale_paper = reviewed_days_ago(PaperFactory(organisation=newham), 900)
    PublishedProjectFactory(lead_organisation=newham, title="Fresh project")
    reviewed_days_ago(ProjectFactory(lead_organisation=newham, title="Draft project"), 400)
    reviewed_days_ago(PublishedProjectFactory(lead_organisation=camden), 10)
    officers = [PartnerOfficerFactory(organisation=newham) for _ in range(2)]
    MemberFactory(organisation=newham)  # a member, not a partner officer
    PartnerOfficerFactory(organisation=camden)  # nothing stale at Camden

    call_command("remind_owners", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert sorted(message.to[0] for message in mail.outbox) == sorted(o.email for o in officers)
    text = mail.outbox[0].body
    assert stale.title in text and stale_paper.title in text
    assert text.index(stale_paper.title) < text.index(stale.title)  # oldest review first
    assert "Fresh project" not in text and "Draft project" not in text
    assert len(re.findall(r"/reviewed/[^/\s]+/", text)) == 2


def test_no_mail_when_nothing_is_stale():
    PartnerOfficerFactory(organisation=PublishedProjectFactory().lead_organisation)
    call_command("remind_owners", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


def link_of(entry):
    return reverse("entry_reviewed", args=[freshness.review_token(entry)])


def test_the_link_asks_first_then_stamps_only_the_date(client):
    project = reviewed_days_ago(PublishedProjectFactory(title="Shared CRM"), 400)
    versions = project.history.count()
    updated_at = Project.objects.get(pk=project.pk).updated_at

    asked = client.get(link_of(project))
    assert asked.status_code == 200 and "Is this entry still correct?" in body(asked)
    assert Project.objects.get(pk=project.pk).may_be_out_of_date  # a GET changes nothing

    done = client.post(link_of(project))

    assert done.status_code == 200 and "Marked as reviewed" in body(done)
    project = Project.objects.get(pk=project.pk)
    assert project.last_reviewed_on == timezone.localdate()
    assert project.updated_at == updated_at and project.title == "Shared CRM"
    assert project.history.count() == versions


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps({"entry": "projects.project", "pk": 1}, salt="another.salt"),
        signing.dumps({"entry": "auth.user", "pk": 1}, salt=freshness.SALT),
        signing.dumps({"entry": "no.such", "pk": 1}, salt=freshness.SALT),
        signing.dumps(["a list"], salt=freshness.SALT),
    ],
)
def test_a_bad_link_is_a_clear_404_and_changes_nothing(client, token):
    response = client.post(reverse("entry_reviewed", args=[token]))
    assert response.status_code == 404
    assert "This link does not work" in body(response)


def test_an_expired_link_does_not_work(client, monkeypatch):
    token = freshness.review_token(PublishedProjectFactory())
    later = timezone.now() + datetime.timedelta(days=freshness.LINK_DAYS + 1)
    monkeypatch.setattr(signing.time, "time", later.timestamp)

    assert client.get(reverse("entry_reviewed", args=[token])).status_code == 404


def test_an_officer_lists_their_entries_due_for_review_in_the_admin(client, staff_login):
    officer = staff_login(PartnerOfficerFactory())
    own = officer.membership.organisation
    due = reviewed_days_ago(PublishedProjectFactory(lead_organisation=own, title="Due one"), 400)
    PublishedProjectFactory(lead_organisation=own, title="Fresh one")

    page = body(client.get("/admin/projects/project/", {"review": "due"}))

    assert due.title in page and "Fresh one" not in page
    assert "May be out of date (review due)" in page


def test_a_products_owner_is_its_projects_lead_and_is_reminded_of_it():
    """A product has no organisation of its own: the lead organisation of its project keeps
    it, so its officers are reminded of it with their projects, and no one else is."""
    newham, camden = OrganisationFactory(name="Newham"), OrganisationFactory(name="Camden")
    product = PublishedProductFactory(
        project=PublishedProjectFactory(lead_organisation=newham), title="Shared booking spec"
    )
    reviewed_days_ago(product, 400)
    newham_officer = PartnerOfficerFactory(organisation=newham)
    PartnerOfficerFactory(organisation=camden)

    call_command("remind_owners", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert [message.to[0] for message in mail.outbox] == [newham_officer.email]
    assert "Shared booking spec" in mail.outbox[0].body
    assert product.get_absolute_url() in mail.outbox[0].body
