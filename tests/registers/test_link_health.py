"""Broken hyperlinks anywhere on the site: marked on public pages, flagged in the admin,
never deleted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ConsentingContactFactory,
    ContactLinkFactory,
    EditorFactory,
    GroupFactory,
    OrganisationFactory,
    ProjectLinkFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db
MARK = "Possibly out of date"


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def project_page(failing_since):
    return ProjectLinkFactory(failing_since=failing_since).project.get_absolute_url()


def contact_page(failing_since):
    return ContactLinkFactory(
        contact=ConsentingContactFactory(), failing_since=failing_since
    ).contact.get_absolute_url()


def organisation_page(failing_since):
    return OrganisationFactory(
        website="https://gone.example.org/", failing_since=failing_since
    ).get_absolute_url()


def group_page(failing_since):
    return GroupFactory(
        website="https://gone.example.org/", failing_since=failing_since
    ).get_absolute_url()


@pytest.mark.parametrize("make_page", [project_page, contact_page, organisation_page, group_page])
def test_links_broken_longer_than_the_setting_are_marked(client, settings, make_page):
    settings.LINK_BROKEN_AFTER_DAYS = 7

    broken = client.get(make_page(days_ago(8))).content.decode()
    down_today = client.get(make_page(days_ago(1))).content.decode()
    working = client.get(make_page(None)).content.decode()

    assert MARK in broken
    assert MARK not in down_today
    assert MARK not in working


def test_the_threshold_is_configurable(client, settings):
    url = project_page(days_ago(3))

    settings.LINK_BROKEN_AFTER_DAYS = 7
    assert MARK not in client.get(url).content.decode()
    settings.LINK_BROKEN_AFTER_DAYS = 2
    assert MARK in client.get(url).content.decode()


@pytest.mark.parametrize("register", ["projects_project", "contacts_contact"])
def test_the_admin_flags_entries_whose_links_are_broken(client, staff_login, register):
    staff_login(EditorFactory())
    if register == "projects_project":
        broken = ProjectLinkFactory(failing_since=days_ago(30)).project
        fine = ProjectLinkFactory().project
        bare = PublishedProjectFactory()
    else:
        broken = ContactLinkFactory(failing_since=days_ago(30)).contact
        fine = ContactLinkFactory().contact
        bare = ConsentingContactFactory()
    url = reverse(f"admin:{register}_changelist")

    def listed(value):
        return set(client.get(url, {"broken": value}).context["cl"].queryset)

    assert listed("yes") == {broken}
    assert listed("no") == {fine, bare}


def test_the_admin_flags_organisations_with_a_broken_web_site(client, staff_login):
    staff_login(EditorFactory())
    broken = OrganisationFactory(website="https://gone.example.org/", failing_since=days_ago(30))

    response = client.get(reverse("admin:partners_organisation_changelist"), {"broken": "yes"})

    assert list(response.context["cl"].queryset) == [broken]
