import pytest
from django.contrib.auth.models import Group as Role
from django.urls import reverse

from partners.models import SubRegion
from projects.models import ProjectInterest
from tests.factories import (
    ArchivedProjectFactory,
    MemberFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectInterestFactory,
    ProjectLinkFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_detail_shows_the_project_and_links_its_organisations(client):
    partner = OrganisationFactory(name="Hackney Test Partner")
    project = PublishedProjectFactory(title="Smart card pilot", partners=[partner])
    ProjectLinkFactory(project=project, label="Pilot evaluation", url="https://eval.example.org/")

    response = client.get(project.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert "Smart card pilot" in body
    assert f'href="{project.lead_organisation.get_absolute_url()}"' in body
    assert f'href="{partner.get_absolute_url()}"' in body
    assert 'href="https://eval.example.org/"' in body


@pytest.mark.parametrize("factory", [ProjectFactory, ArchivedProjectFactory])
def test_unpublished_projects_are_not_found(client, factory):
    assert client.get(factory().get_absolute_url()).status_code == 404


def test_unknown_slug_is_a_404_page_in_the_sites_layout(client):
    response = client.get("/projects/no-such-project/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_related_projects_share_themes_or_sub_regions(client):
    east = SubRegion.objects.get(slug="east")
    project = PublishedProjectFactory(themes=["smart cards"])
    by_theme = PublishedProjectFactory(title="Same theme", themes=["smart cards"])
    by_region = PublishedProjectFactory(title="Same region", regions=[east])
    project.sub_regions.add(east)
    PublishedProjectFactory(title="Nothing shared", themes=["e-learning"])
    ProjectFactory(title="Draft sharing a theme", themes=["smart cards"])

    related = list(client.get(project.get_absolute_url()).context["related_projects"])

    assert set(related) == {by_theme, by_region}


def test_detail_query_count_does_not_grow_with_relations(client, django_assert_max_num_queries):
    project = PublishedProjectFactory(themes=["a", "b"])
    url = project.get_absolute_url()
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    project.partner_organisations.add(*OrganisationFactory.create_batch(20))
    project.tags.add(*[f"theme {n}" for n in range(20)])
    for _ in range(20):
        ProjectInterestFactory(project=project)
        ProjectLinkFactory(project=project)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# -- the "shareware club": registering interest -------------------------------------------


@pytest.fixture
def member(client):
    user = MemberFactory()
    client.force_login(user)
    return user


def interest_url(project):
    return reverse("projects:interest", kwargs={"slug": project.slug})


def test_a_partner_registers_and_withdraws_their_organisations_interest(client, member):
    project = PublishedProjectFactory()
    organisation = member.membership.organisation

    response = client.post(interest_url(project), {"action": "register"}, follow=True)

    assert response.redirect_chain[-1][0].endswith(project.get_absolute_url() + "#interest-message")
    assert ProjectInterest.objects.filter(project=project, organisation=organisation).exists()
    assert f"{organisation} is now listed as interested" in response.content.decode()
    assert "Withdraw" in response.content.decode()

    client.post(interest_url(project), {"action": "withdraw"})

    assert not ProjectInterest.objects.filter(project=project).exists()


@pytest.mark.parametrize("shared_pages", [0, 3600])
def test_the_interest_message_is_beside_the_form_not_at_the_top(
    client, member, settings, shared_pages
):
    settings.SHARED_PAGE_CACHE_SECONDS = shared_pages
    project = PublishedProjectFactory()
    client.get(project.get_absolute_url())  # kept in the shared cache, when it is on

    response = client.post(interest_url(project), {"action": "register"}, follow=True)

    page = response.content.decode()
    # The browser opens the page at the banner, in the interest section, and focuses it.
    assert response.redirect_chain[-1][0].endswith("#interest-message")
    section = page[page.index('id="interest"') : page.index("Withdraw")]
    assert "is now listed as interested in this project" in section
    banner = section[section.index("<div") : section.index(">", section.index("<div"))]
    assert 'id="interest-message"' in banner and 'tabindex="-1"' in banner
    assert 'role="alert"' in banner
    assert page.count("is now listed as interested") == 1  # and not again at the top


def test_a_double_submit_registers_interest_once(client, member):
    project = PublishedProjectFactory()

    client.post(interest_url(project), {"action": "register"})
    response = client.post(interest_url(project), {"action": "register"}, follow=True)

    assert ProjectInterest.objects.filter(project=project).count() == 1
    assert "was already listed" in response.content.decode()


def test_interest_is_never_changed_by_get(client, member):
    project = PublishedProjectFactory()

    assert client.get(interest_url(project), {"action": "register"}).status_code == 405
    assert not ProjectInterest.objects.exists()


def test_the_public_is_sent_to_sign_in(client):
    project = PublishedProjectFactory()

    response = client.post(interest_url(project), {"action": "register"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not ProjectInterest.objects.exists()


def test_an_account_without_an_organisation_is_refused(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.post(interest_url(PublishedProjectFactory()), {"action": "register"})

    assert response.status_code == 403
    assert not ProjectInterest.objects.exists()


def test_interest_in_an_unpublished_project_is_not_found(client, member):
    assert client.post(interest_url(ProjectFactory()), {"action": "register"}).status_code == 404


def test_an_unknown_action_changes_nothing(client, member):
    project = PublishedProjectFactory()

    response = client.post(interest_url(project), {"action": "delete-everything"}, follow=True)

    assert "Choose to register or withdraw" in response.content.decode()
    assert not ProjectInterest.objects.exists()


def test_interested_organisations_are_listed_publicly(client):
    project = PublishedProjectFactory()
    interest = ProjectInterestFactory(project=project)

    body = client.get(project.get_absolute_url()).content.decode()

    assert interest.organisation.name in body


def test_partner_officer_role_exists_with_project_permissions():
    role = Role.objects.get(name="Partner officer")
    codenames = set(role.permissions.values_list("codename", flat=True))

    assert {"add_project", "change_project", "delete_project", "view_project"} <= codenames
    assert "edit_all_organisations" not in codenames


# -- the Atom feed ------------------------------------------------------------------------


def test_feed_lists_newly_published_projects_only(client):
    published = PublishedProjectFactory(title="Published pilot", summary="A pilot for all.")
    ProjectFactory(title="Draft pilot")

    response = client.get("/projects/feed/")

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Published pilot</title>" in body
    assert published.get_absolute_url() in body
    assert "Draft pilot" not in body


def test_feed_follows_the_list_filters(client):
    PublishedProjectFactory(title="Pathfinder one", programme="pathfinder")
    PublishedProjectFactory(title="Local one", programme="local")

    body = client.get("/projects/feed/", {"programme": "pathfinder"}).content.decode()

    assert "Pathfinder one" in body
    assert "Local one" not in body


def test_related_projects_rank_by_shared_themes_without_drafts(monkeypatch):
    import projects.models
    from projects.models import Project
    from tests.factories import ProjectFactory

    project = PublishedProjectFactory(themes=["smart cards", "kiosks"])
    one_theme = PublishedProjectFactory(themes=["smart cards"])
    both_themes = PublishedProjectFactory(themes=["smart cards", "kiosks"])
    ProjectFactory(themes=["smart cards", "kiosks"])  # a draft, never shown
    older_both = PublishedProjectFactory(themes=["kiosks", "smart cards"])
    # Scored among the newest links only: here, all of them.
    monkeypatch.setattr(projects.models, "RELATED_CANDIDATE_LINKS", 100)

    related = Project.objects.published().related_to(project, limit=2)

    assert set(related) == {both_themes, older_both}
    assert one_theme not in related
