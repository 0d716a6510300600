"""One admin save is one version, and versions speak plainly (issue 16, item 5): the entry, its
many-to-many fields, its themes and its hyperlinks are recorded together, the history says what
changed in the admin's own words, and a version is read-only with Restore as its only action."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from taggit.models import Tag

from contacts.models import Contact
from projects.models import Project, ProjectLink, ProjectStatus
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    ProjectFactory,
    ProjectLinkFactory,
    SectorFactory,
    SubRegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def themes():
    """Officers pick themes from the existing ones."""
    for name in ["smart cards", "e-democracy", "mobile working", "e-learning"]:
        Tag.objects.get_or_create(name=name)


@pytest.fixture
def newham():
    return OrganisationFactory(name="Test Newham")


@pytest.fixture
def officer(staff_login, newham):
    return staff_login(PartnerOfficerFactory(organisation=newham))


def admin_url(action, *args, register="projects_project"):
    return reverse(f"admin:{register}_{action}", args=args)


def links_formset(links=(), existing=()):
    """The hyperlinks inline as the form posts it: ``existing`` (link, delete?) first."""
    data = {
        "links-TOTAL_FORMS": str(len(existing) + len(links)),
        "links-INITIAL_FORMS": str(len(existing)),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    rows = [
        ({"id": link.pk, "kind": link.kind, "label": link.label, "url": link.url}, delete)
        for link, delete in existing
    ] + [(link, False) for link in links]
    for number, (row, delete) in enumerate(rows):
        prefix = f"links-{number}-"
        data.update(
            {
                f"{prefix}id": row.get("id", ""),
                f"{prefix}kind": row.get("kind", "site"),
                f"{prefix}label": row["label"],
                f"{prefix}url": row["url"],
                f"{prefix}order": "0",
            }
        )
        if delete:
            data[f"{prefix}DELETE"] = "on"
    return data


def project_data(**overrides):
    data = {
        "title": "Newham customer contact centre",
        "slug": "",
        "summary": "One number for every council service.",
        "description": "",
        "publication_status": "published",
        "programme": "pathfinder",
        "status": "proposed",
        "start_date": "2002-04-01",
        "end_date": "",
        "budget": "",
        "tags": "smart cards",
        **links_formset(),
    }
    data.update(overrides)
    return data


def change_data(project, links=(), existing=(), **overrides):
    """What the change form posts back for ``project`` as it stands, with ``overrides``."""
    project.refresh_from_db()
    data = project_data(
        title=project.title,
        slug=project.slug,
        summary=project.summary,
        description=project.description,
        status=project.status,
        programme=project.programme,
        edit_version=project.updated_at.isoformat(),
        tags=", ".join(sorted(project.tags.names())),
        partner_organisations=[str(o.pk) for o in project.partner_organisations.all()],
        sub_regions=[str(r.pk) for r in project.sub_regions.all()],
        sectors=[str(s.pk) for s in project.sectors.all()],
    )
    data.update(links_formset(links, existing or [(link, False) for link in project.links.all()]))
    data.update(overrides)
    return data


def versions(entry):
    return entry.history.order_by("-history_date", "-history_id")


VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class TextOfPage(HTMLParser):
    """The words a reader meets in the page's main content, and its form controls."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.words = []
        self.controls = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth or attributes.get("id") == "content-main":
            self.depth += 1
        if self.depth and tag in {"input", "select", "textarea", "button"}:
            self.controls.append((tag, attributes))
        if tag in VOID_ELEMENTS and self.depth:  # never closed
            self.depth -= 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.words.append(data)

    @property
    def text(self):
        return re.sub(r"\s+", " ", " ".join(self.words))


def read(response) -> TextOfPage:
    page = TextOfPage()
    page.feed(response.content.decode())
    return page


def history_text(client, project) -> str:
    response = client.get(admin_url("history", project.pk))
    assert response.status_code == 200
    return read(response).text


# -- one save, one version --------------------------------------------------------------------
def test_adding_a_project_with_partners_themes_and_links_makes_one_version(client, officer, newham):
    partner, region, sector = OrganisationFactory(), SubRegionFactory(), SectorFactory()

    response = client.post(
        admin_url("add"),
        project_data(
            partner_organisations=[str(partner.pk)],
            sub_regions=[str(region.pk)],
            sectors=[str(sector.pk)],
            tags="smart cards, e-democracy",
            **links_formset([{"label": "Project site", "url": "https://site.example.org/"}]),
        ),
    )

    assert response.status_code == 302
    project = Project.objects.get(title="Newham customer contact centre")
    assert versions(project).count() == 1
    version = versions(project).get()
    assert version.history_type == "+"
    assert version.history_user == officer
    assert [row.organisation for row in version.partner_organisations.all()] == [partner]
    assert [row.subregion for row in version.sub_regions.all()] == [region]
    assert version.history_themes == "e-democracy, smart cards"
    assert [(row["label"], row["url"]) for row in version.history_links] == [
        ("Project site", "https://site.example.org/")
    ]


def test_an_edit_of_fields_relations_themes_and_links_makes_one_version(client, officer, newham):
    project = ProjectFactory(lead_organisation=newham, themes=["smart cards"])
    before = versions(project).count()

    response = client.post(
        admin_url("change", project.pk),
        change_data(
            project,
            links=[{"label": "Evaluation", "url": "https://eval.example.org/"}],
            title="Renamed",
            status="completed",
            tags="e-democracy",
            partner_organisations=[str(OrganisationFactory().pk)],
        ),
    )

    assert response.status_code == 302
    assert versions(project).count() == before + 1
    latest = versions(project).first()
    assert latest.title == "Renamed" and latest.history_type == "~"
    assert latest.history_themes == "e-democracy"
    assert [row["label"] for row in latest.history_links] == ["Evaluation"]
    # The version before keeps what it had: the save did not rewrite it.
    assert versions(project)[1].history_themes == "smart cards"
    assert versions(project)[1].history_links == []


# -- what changed, in plain words -------------------------------------------------------------
def test_a_status_change_is_named_by_its_label_and_choices(client, officer, newham):
    project = ProjectFactory(lead_organisation=newham, status=ProjectStatus.PROPOSED)

    client.post(admin_url("change", project.pk), change_data(project, status="active"))

    text = history_text(client, project)
    assert "Status: Proposed → Active" in text
    assert "proposed → active" not in text


def test_a_theme_change_lists_the_themes_added_and_removed(client, officer, newham):
    project = ProjectFactory(lead_organisation=newham, themes=["smart cards", "e-democracy"])

    client.post(
        admin_url("change", project.pk), change_data(project, tags="smart cards, mobile working")
    )

    assert "Themes: added: mobile working; removed: e-democracy" in history_text(client, project)


def test_a_partner_and_a_lead_are_named(client, staff_login, newham):
    from tests.factories import EditorFactory

    staff_login(EditorFactory())
    hackney = OrganisationFactory(name="Test Hackney")
    project = ProjectFactory(lead_organisation=newham)

    client.post(
        admin_url("change", project.pk),
        change_data(
            project,
            lead_organisation=str(hackney.pk),
            partner_organisations=[str(OrganisationFactory(name="Test Ealing").pk)],
        ),
    )

    text = history_text(client, project)
    assert "Lead organisation: Test Newham → Test Hackney" in text
    assert "Partner organisations: added: Test Ealing" in text


def test_a_link_added_appears_in_the_change_and_a_restore_brings_old_links_back(
    client, officer, newham
):
    client.post(
        admin_url("add"),
        project_data(**links_formset([{"label": "Old site", "url": "https://old.example.org/"}])),
    )
    project = Project.objects.get()
    first = versions(project).get()
    old_link = project.links.get()

    client.post(
        admin_url("change", project.pk),
        change_data(
            project,
            links=[{"label": "New site", "url": "https://new.example.org/"}],
            existing=[(old_link, True)],
        ),
    )

    text = history_text(client, project)
    assert (
        "Hyperlinks: added: New site (https://new.example.org/); "
        "removed: Old site (https://old.example.org/)" in text
    )
    assert [link.label for link in project.links.all()] == ["New site"]

    response = client.post(admin_url("restore", first.history_id))

    assert response.status_code == 302
    assert [(link.label, link.url) for link in project.links.all()] == [
        ("Old site", "https://old.example.org/")
    ]
    assert versions(project).count() == 3  # the restore is one version too
    assert "Restored the version of" in history_text(client, project)


def test_a_long_text_change_shows_whole_words_around_the_change(client, officer, newham):
    words = [f"word{number}" for number in range(80)]
    old = "Residents of East London City boroughs " + " ".join(words)
    new = old.replace("word40", "changedword")
    project = ProjectFactory(lead_organisation=newham, description=old)

    client.post(admin_url("change", project.pk), change_data(project, description=new))

    text = history_text(client, project)
    change = text.split("Description:")[1].split("Current version")[0]
    assert "chars]" not in change
    shown = set(change.replace("…", " ").replace("removed:", " ").replace("added:", " ").split())
    assert {"word40", "changedword"} <= shown
    assert shown <= set(old.split()) | set(new.split())  # every word whole
    assert "word0" not in shown  # far from the change: left out


# -- the version page -------------------------------------------------------------------------
def test_an_earlier_version_is_read_only_with_restore_its_only_action(client, officer, newham):
    project = ProjectFactory(lead_organisation=newham, title="First title", themes=["e-learning"])
    ProjectLinkFactory(project=project, label="Kept link")
    first = versions(project).first()
    project.title = "Second title"
    project.save()

    response = client.get(admin_url("simple_history", project.pk, first.history_id))

    assert response.status_code == 200
    page = read(response)
    assert "This is an earlier version; it cannot be edited here." in page.text
    assert "First title" in page.text and "e-learning" in page.text and "Kept link" in page.text
    editable = [
        (tag, attributes)
        for tag, attributes in page.controls
        if not (tag == "input" and attributes.get("type") == "hidden")
    ]
    assert [tag for tag, _ in editable] == ["button"]
    assert "Restore this version" in page.text


def test_the_current_version_offers_no_restore(client, officer, newham):
    project = ProjectFactory(lead_organisation=newham)

    response = client.get(admin_url("simple_history", project.pk, versions(project).first().pk))

    page = read(response)
    assert "This is the current version" in page.text
    assert not [tag for tag, _ in page.controls if tag in {"button", "textarea", "select"}]


def test_a_version_cannot_be_saved_by_posting_to_it(client, officer, newham):
    project = ProjectFactory(lead_organisation=newham, title="Kept")
    version = versions(project).first()

    response = client.post(
        admin_url("simple_history", project.pk, version.pk), project_data(title="Posted")
    )

    assert response.status_code == 404
    project.refresh_from_db()
    assert project.title == "Kept"


# -- restoring --------------------------------------------------------------------------------
def test_restoring_a_deleted_project_brings_back_its_themes_and_links(client, officer, newham):
    project = ProjectFactory(lead_organisation=newham, themes=["smart cards"])
    ProjectLinkFactory(project=project, label="Site")
    pk = project.pk
    project.delete()
    deletion = Project.history.filter(id=pk, history_type="-").get()

    client.post(admin_url("restore", deletion.history_id))

    restored = Project.objects.get(pk=pk)
    assert list(restored.tags.names()) == ["smart cards"]
    assert [link.label for link in restored.links.all()] == ["Site"]


def test_a_link_added_outside_the_admin_is_kept_with_the_latest_version():
    project = ProjectFactory()

    link = ProjectLinkFactory(project=project, label="Added by a script")

    assert [row["label"] for row in versions(project).first().history_links] == [
        "Added by a script"
    ]
    ProjectLink.objects.filter(pk=link.pk).delete()
    assert versions(project).first().history_links == []


def test_a_contact_save_is_one_version_with_its_links(client, officer, newham):
    contact = ContactFactory(organisation=newham)
    before = contact.history.count()
    contact.refresh_from_db()
    response = client.get(admin_url("change", contact.pk, register="contacts_contact"))
    form = response.context["adminform"].form
    data = {
        name: form.initial.get(name, getattr(contact, name, ""))
        for name in form.fields
        if name not in {"groups", "tags"}
    }
    data = {name: "" if value is None else value for name, value in data.items()}
    data.update(
        {
            "edit_version": contact.updated_at.isoformat(),
            "tags": "smart cards",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
            "links-0-label": "Home page",
            "links-0-url": "https://home.example.org/",
        }
    )

    response = client.post(admin_url("change", contact.pk, register="contacts_contact"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert contact.history.count() == before + 1
    latest = Contact.history.filter(id=contact.pk).order_by("-history_id").first()
    assert latest.history_themes == "smart cards"
    assert [row["label"] for row in latest.history_links] == ["Home page"]
