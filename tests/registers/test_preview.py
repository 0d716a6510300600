"""Issue 16, item 4: every register's "Save and preview" shows an entry, draft or not, through
its public template under a "Draft — not published" banner, to those who may edit it and to
nobody else (404, signed in or not); no cache keeps it and no crawler indexes it."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from projects.models import Project
from registers.models import PublicationStatus
from tests.factories import (
    ContactFactory,
    EditorFactory,
    FundingSourceFactory,
    LinkFactory,
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    ProjectFactory,
)
from tests.registers.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT
TITLE = "Zebra crossing draft pilot"

# register: (make a draft owned by an organisation, who may edit it: "officer" or "editor")
REGISTERS = {
    "project": (lambda org: ProjectFactory(title=TITLE, lead_organisation=org), "officer"),
    "contact": (lambda org: ContactFactory(title=TITLE, organisation=org), "officer"),
    "funding": (
        lambda org: FundingSourceFactory(title=TITLE, owner=org, publication_status=DRAFT),
        "officer",
    ),
    "paper": (
        lambda org: PaperFactory(title=TITLE, organisation=org, publication_status=DRAFT),
        "officer",
    ),
    "link": (lambda org: LinkFactory(title=TITLE, publication_status=DRAFT), "editor"),
}


def signed_in(user):
    """A browser of ``user``'s, with the verified second factor the admin asks for."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    if user is None:
        return client
    client.force_login(user)
    if user.is_staff:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def errors_of(response):
    return response.context and response.context["adminform"].form.errors


def admin_url(entry, action):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=[entry.pk])


@pytest.fixture(params=REGISTERS)
def draft(request):
    """(the draft entry, a browser of someone who may edit it)."""
    make, editor = REGISTERS[request.param]
    organisation = OrganisationFactory()
    entry = make(organisation)
    user = PartnerOfficerFactory(organisation=organisation) if editor == "officer" else None
    return entry, signed_in(user or EditorFactory())


@pytest.fixture
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SHARED_PAGE_CACHE_SECONDS = 3600


def cached_values() -> list[bytes]:
    return list(cache._cache.values())  # LocMemCache keeps pickled values


def test_its_editor_sees_the_draft_under_a_banner_never_cached_nor_indexed(draft):
    entry, editor = draft

    response = editor.get(admin_url(entry, "preview"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft — not published" in page and TITLE in page
    assert page.count("<h1") == 1
    assert '<meta name="robots" content="noindex">' in page
    assert admin_url(entry, "change") in page  # the way back to editing
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert response["X-Robots-Tag"] == "noindex"


def test_the_public_page_of_a_draft_has_no_banner_and_stays_a_404(draft):
    entry, editor = draft
    published = type(entry).objects.filter(pk=entry.pk)
    published.update(publication_status=PublicationStatus.PUBLISHED)
    entry.refresh_from_db()

    page = editor.get(entry.get_absolute_url()).content.decode()
    assert TITLE in page and "Draft — not published" not in page
    assert "noindex" not in page

    published.update(publication_status=DRAFT)
    assert (
        signed_in(None).get(entry.get_absolute_url().split("#")[0]).content.decode().count(TITLE)
        == 0
    )


@pytest.mark.parametrize("who", ["public", "member", "officer of another organisation"])
def test_nobody_else_finds_it_not_even_the_sign_in_page(draft, caches_on, who):
    entry, _ = draft
    user = {
        "public": None,
        "member": MemberFactory(),
        "officer of another organisation": PartnerOfficerFactory(),
    }[who]
    visitor = signed_in(user)

    for _ in range(2):  # the second time from no cache either
        response = visitor.get(admin_url(entry, "preview"))
        assert response.status_code == 404
        assert TITLE not in response.content.decode()
    assert not any(TITLE.encode() in value for value in cached_values())


def test_no_page_cache_keeps_the_preview(draft, caches_on):
    entry, editor = draft

    for _ in range(2):
        response = editor.get(admin_url(entry, "preview"))
        assert response.status_code == 200
        assert "X-Shared-Page-Cache" not in response and "X-Page-Cache" not in response

    assert not any(TITLE.encode() in value for value in cached_values())
    assert signed_in(None).get(admin_url(entry, "preview")).status_code == 404


def test_an_unknown_or_malformed_id_is_a_404(draft):
    entry, editor = draft
    opts = entry._meta
    for object_id in ["999999", "not-a-number"]:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[object_id])
        assert editor.get(url).status_code == 404


def test_save_and_preview_saves_then_shows_the_new_text(draft):
    entry, editor = draft
    form = editor.get(admin_url(entry, "change"))
    assert 'value="Save and preview" name="_preview"' in form.content.decode()

    data = change_form_data(
        form, title="Zebra crossing pilot, renamed", _preview="Save and preview"
    )
    response = editor.post(admin_url(entry, "change"), data)

    assert response.status_code == 302, errors_of(response)
    assert response["Location"] == admin_url(entry, "preview")
    preview = editor.get(response["Location"]).content.decode()
    assert "Zebra crossing pilot, renamed" in preview
    assert "Draft — not published" in preview
    assert "was changed successfully" in preview
    entry.refresh_from_db()
    assert entry.title == "Zebra crossing pilot, renamed"
    assert entry.publication_status == DRAFT


def test_view_on_site_leads_a_draft_to_its_preview_and_a_published_entry_to_its_page(draft):
    entry, editor = draft

    page = editor.get(admin_url(entry, "change")).content.decode()
    assert f'href="{admin_url(entry, "preview")}" class="viewsitelink"' in page

    type(entry).objects.filter(pk=entry.pk).update(publication_status="published")
    page = editor.get(admin_url(entry, "change")).content.decode()
    assert admin_url(entry, "preview") not in page
    assert 'class="viewsitelink"' in page


def test_save_and_preview_on_a_new_project_previews_it(client, staff_login):
    organisation = OrganisationFactory()
    staff_login(PartnerOfficerFactory(organisation=organisation))
    form = client.get(reverse("admin:projects_project_add"))
    data = change_form_data(
        form,
        title=TITLE,
        summary="A new draft, seen before it is published.",
        programme="local",
        status="active",
        start_date="2002-04-01",
        _preview="Save and preview",
    )

    response = client.post(reverse("admin:projects_project_add"), data)

    assert response.status_code == 302, errors_of(response)
    project = Project.objects.get(title=TITLE)
    assert response["Location"] == admin_url(project, "preview")
    preview = client.get(response["Location"]).content.decode()
    assert "Draft — not published" in preview and "A new draft, seen before" in preview


def test_robots_txt_keeps_crawlers_out_of_every_preview(client):
    rules = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /admin/" in rules
    assert reverse("admin:projects_project_preview", args=[1]).startswith("/admin/")
