"""Editors merge duplicate themes (issue 16, item 3): every register's entries move to the kept
theme, none is doubled, history and search follow, the public pages show the kept theme, and
a failure half-way leaves everything as it was."""

from unittest import mock

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from contacts.models import ContactTheme
from eindex.models import LinkTheme
from funding.models import FundingTheme
from papers.models import PaperTheme
from projects.models import Project, ProjectTheme
from registers import merge as merge_service
from registers.merge import MergeRefused, merge, plan_merge
from registers.themes import unused, with_usage
from tests.factories import (
    EditorFactory,
    FundingSourceFactory,
    LinkFactory,
    PaperFactory,
    PartnerOfficerFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/taggit/tag/"
THEME_TABLES = (ProjectTheme, ContactTheme, LinkTheme, FundingTheme, PaperTheme)


def links_of(tag) -> dict[str, int]:
    return {table.__name__: table.objects.filter(tag=tag).count() for table in THEME_TABLES}


@pytest.fixture
def themes():
    """“smart card” beside “smart cards”, across every register; one project has both."""
    both = PublishedProjectFactory(title="Both spellings", themes=["smart cards", "smart card"])
    old_only = PublishedProjectFactory(title="Only the new spelling", themes=["smart card"])
    PublishedProjectFactory(title="Only the kept spelling", themes=["smart cards"])
    PublishedContactFactory(themes=["smart card"])
    LinkFactory(themes=["smart card", "e-learning"])
    FundingSourceFactory(themes=["smart card"])
    PaperFactory(themes=["smart card"])
    return {
        "kept": Tag.objects.get(name="smart cards"),
        "old": Tag.objects.get(name="smart card"),
        "both": both,
        "old_only": old_only,
    }


@pytest.fixture
def editor(staff_login):
    return staff_login(EditorFactory())


def action_post(client, ids, url=CHANGELIST, **extra):
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [str(i) for i in ids], **extra}
    return client.post(url, data)


def test_merge_moves_every_register_and_doubles_nothing(themes):
    kept, old = themes["kept"], themes["old"]
    before_kept, before_old = links_of(kept), links_of(old)
    assert before_old == dict.fromkeys(before_old, 1) | {"ProjectTheme": 2}
    assert before_kept == dict.fromkeys(before_kept, 0) | {"ProjectTheme": 2}

    plan = merge(kept=kept, merged=[old])

    projects = next(m for m in plan.moves if m.label == "projects (themes)")
    assert (projects.moved, projects.dropped) == (1, 1)
    assert not Tag.objects.filter(pk=old.pk).exists()
    after = links_of(kept)
    # Each register's links arrive; the project that had both keeps one link, not two.
    assert after == {
        "ProjectTheme": 3,
        "ContactTheme": 1,
        "LinkTheme": 1,
        "FundingTheme": 1,
        "PaperTheme": 1,
    }
    assert sum(after.values()) == sum(before_kept.values()) + sum(before_old.values()) - 1
    assert list(themes["both"].tags.names()) == ["smart cards"]
    # Nothing else was touched.
    assert LinkTheme.objects.filter(tag__name="e-learning").count() == 1


def test_merge_records_one_version_with_the_kept_theme(themes):
    project = themes["old_only"]
    versions = project.history.count()

    merge(kept=themes["kept"], merged=[themes["old"]])

    assert project.history.count() == versions + 1
    latest = project.history.first()
    assert latest.history_themes == "smart cards"
    assert latest.history_change_reason.startswith("Merged “smart card” into “smart cards”")


@pytest.mark.postgres
def test_merge_refreshes_the_stored_search_document(themes):
    merge(kept=themes["kept"], merged=[themes["old"]])

    vector = Project.objects.filter(pk=themes["old_only"].pk).values_list(
        "search_vector", flat=True
    )[0]
    assert "'cards'" in vector or "'card'" in vector
    assert Project.objects.search("smart cards").filter(pk=themes["old_only"].pk).exists()


def test_public_project_page_and_facet_show_the_kept_theme(client, themes):
    merge(kept=themes["kept"], merged=[themes["old"]])

    page = client.get(themes["old_only"].get_absolute_url()).content.decode()
    assert "?theme=smart-cards" in page and '?theme=smart-card"' not in page

    kept_facet = client.get("/projects/", {"theme": "smart-cards"})
    assert {p.title for p in kept_facet.context["projects"]} == {
        "Both spellings",
        "Only the new spelling",
        "Only the kept spelling",
    }
    gone = client.get("/projects/", {"theme": "smart-card"})
    assert gone.status_code == 200  # a bookmarked old theme is reported, never a 500
    assert "“smart-card” is not a known theme." in gone.content.decode()


def test_a_failure_mid_merge_leaves_everything_as_it_was(themes):
    kept, old = themes["kept"], themes["old"]
    old_pk = old.pk
    before = (links_of(kept), links_of(old), themes["old_only"].history.count())

    failing = mock.patch.object(merge_service, "record_versions", side_effect=RuntimeError)
    with failing, pytest.raises(RuntimeError):
        merge(kept=kept, merged=[old])

    old = Tag.objects.get(pk=old_pk)
    assert (links_of(kept), links_of(old), themes["old_only"].history.count()) == before


def test_merging_a_theme_into_itself_is_refused(themes):
    with pytest.raises(MergeRefused):
        plan_merge(kept=themes["kept"], merged=[themes["kept"]])


def test_confirmation_lists_what_will_move_before_anything_moves(client, editor, themes):
    kept, old = themes["kept"], themes["old"]
    url = f"{CHANGELIST}?q=smart"

    response = action_post(client, [kept.pk, old.pk], url=url, kept=kept.pk)

    assert response.status_code == 200
    assert response.templates[0].name == "admin/registers/merge.html"
    body = response.content.decode()
    # Posted back to the filtered list itself, never to "?q=smartmerge-tags/".
    assert f'action="{CHANGELIST}?q=smart"' in body
    assert "merge-tags" not in body
    plan = {m.label: (m.moved, m.dropped) for m in response.context["plan"].moves}
    assert plan["projects (themes)"] == (1, 1)
    assert plan["papers (themes)"] == (1, 0)
    assert "Projects (themes)" in body
    assert links_of(old)["ProjectTheme"] == 2  # nothing moved yet


def test_confirming_merges_from_the_filtered_list(client, editor, themes):
    kept, old = themes["kept"], themes["old"]
    url = f"{CHANGELIST}?q=smart"

    response = action_post(client, [kept.pk, old.pk], url=url, kept=kept.pk, confirm="yes")

    assert response.status_code == 302
    assert response["Location"] == url
    assert not Tag.objects.filter(pk=old.pk).exists()
    assert links_of(kept)["ProjectTheme"] == 3
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[0].startswith("Merged “smart card” into “smart cards”.")


def test_the_editor_chooses_which_theme_to_keep(client, editor, themes):
    kept, old = themes["kept"], themes["old"]
    # The most used is suggested; choosing the other shows its own plan.
    first = action_post(client, [kept.pk, old.pk])
    assert first.context["kept"] == old  # "smart card" is on 6 entries, "smart cards" on 2

    response = action_post(client, [kept.pk, old.pk], kept=kept.pk)
    assert response.context["kept"] == kept
    assert not any(m.pk == kept.pk for m in response.context["merged"])


def test_an_officer_may_not_merge(client, staff_login, themes):
    staff_login(PartnerOfficerFactory())
    kept, old = themes["kept"], themes["old"]

    response = action_post(client, [kept.pk, old.pk], kept=kept.pk, confirm="yes")

    assert response.status_code == 403
    assert Tag.objects.filter(pk=old.pk).exists()


def test_usage_column_counts_every_register_in_one_query(client, editor, themes):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST, {"o": "-3"})  # sorted by usage, most used first
    rows = list(response.context["cl"].result_list)
    assert [(tag.name, tag.usage) for tag in rows] == [
        ("smart card", 6),
        ("smart cards", 2),
        ("e-learning", 1),
    ]
    tag_queries = [q for q in queries.captured_queries if 'FROM "taggit_tag"' in q["sql"]]
    assert len(tag_queries) <= 3  # the page, its count, the unfiltered count


def test_unused_themes_are_listed_and_deleted_but_used_ones_kept(client, editor, themes):
    orphan = Tag.objects.create(name="kiosks", slug="kiosks")
    assert list(unused(Tag.objects.all())) == [orphan]

    listed = client.get(CHANGELIST, {"used": "no"})
    assert [tag.name for tag in listed.context["cl"].result_list] == ["kiosks"]

    response = client.post(
        CHANGELIST,
        {"action": "delete_unused", ACTION_CHECKBOX_NAME: [orphan.pk, themes["kept"].pk]},
        follow=True,
    )
    assert not Tag.objects.filter(pk=orphan.pk).exists()
    assert Tag.objects.filter(pk=themes["kept"].pk).exists()
    body = response.content.decode()
    assert "Deleted 1 unused themes: kiosks." in body
    assert "Kept 1 themes still in use: smart cards." in body


def test_deleting_a_used_theme_is_refused_in_plain_words(client, editor, themes):
    response = client.get(f"{CHANGELIST}{themes['kept'].pk}/delete/")

    body = response.content.decode()
    assert "cannot be deleted while it is used" in body
    assert "Project “Both spellings” (themes)" in body
    assert "object (" not in body
    response = client.post(f"{CHANGELIST}{themes['kept'].pk}/delete/", {"post": "yes"})
    assert Tag.objects.filter(pk=themes["kept"].pk).exists()


def test_usage_counts_match_the_links(themes):
    counted = {tag.name: tag.usage for tag in with_usage(Tag.objects.all())}
    assert counted == {"smart card": 6, "smart cards": 2, "e-learning": 1}


def test_a_theme_only_one_register_uses_merges():
    # The other registers' themes tables have nothing to move: nothing to refresh there.
    PublishedProjectFactory(title="Online voting", themes=["e-democracy"])
    moved = PublishedProjectFactory(title="Web casting", themes=["edemocracy"])
    kept, old = Tag.objects.get(name="e-democracy"), Tag.objects.get(name="edemocracy")
    assert not Project.objects.search("democracy").filter(pk=moved.pk).exists()

    merge(kept=kept, merged=[old])

    assert Project.objects.filter(tags=kept).count() == 2
    assert list(moved.tags.names()) == ["e-democracy"]
    # Its search document (PostgreSQL's vector, SQLite's full-text row) has the kept theme.
    assert Project.objects.search("democracy").filter(pk=moved.pk).exists()
