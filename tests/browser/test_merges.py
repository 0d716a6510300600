"""An editor merges two spellings of a theme from the filtered theme list, in a real browser
(issue 16, item 3): the confirmation counts what will move, and afterwards the public
project page shows the kept theme."""

import pytest
from taggit.models import Tag

from projects.models import ProjectTheme
from tests.factories import EditorFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_editor_merges_two_themes_from_the_filtered_list(visit):
    project = PublishedProjectFactory(title="Oyster for council services", themes=["smart card"])
    PublishedProjectFactory(title="Both spellings", themes=["smart card", "smart cards"])
    PublishedProjectFactory(title="Kiosks", themes=["kiosks"])
    kept, old = Tag.objects.get(name="smart cards"), Tag.objects.get(name="smart card")
    tab = visit(user=EditorFactory())

    page = tab.go("/admin/taggit/tag/?q=smart")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2  # the filter holds: "kiosks" is not listed
    assert "2" in rows.filter(has_text="smart card").first.inner_text()  # usage column
    for tag in (kept, old):
        page.locator(f'input[name="_selected_action"][value="{tag.pk}"]').check()
    page.locator('select[name="action"]').select_option("merge_selected")
    page.locator("button[name=index]").click()

    # The confirmation, on the filtered list's own URL: choose the spelling to keep.
    page.wait_for_selector("#merge-plan")
    assert page.url.endswith("/admin/taggit/tag/?q=smart")
    page.get_by_label("smart cards (used 1 time)").check()
    page.get_by_role("button", name="Show what will move").click()
    page.wait_for_selector("#merge-plan")
    projects_row = page.locator("#merge-plan tr", has_text="Projects (themes)")
    assert projects_row.locator("td").all_inner_texts() == ["1", "1"]
    assert ProjectTheme.objects.filter(tag=old).count() == 2  # nothing moved yet
    tab.assert_accessible("the merge confirmation")

    page.get_by_role("button", name="Merge into “smart cards”").click()
    page.wait_for_selector(".messagelist")
    assert "Merged “smart card” into “smart cards”." in page.locator(".messagelist").inner_text()
    assert page.url.endswith("/admin/taggit/tag/?q=smart")
    assert not Tag.objects.filter(pk=old.pk).exists()
    assert ProjectTheme.objects.filter(tag=kept).count() == 2

    public = tab.go(project.get_absolute_url())
    themes = public.locator("a[href*='?theme=']").all_inner_texts()
    assert themes == ["smart cards"]
    facet = tab.go("/projects/?theme=smart-cards")
    assert "Oyster for council services" in facet.locator("main").inner_text()
