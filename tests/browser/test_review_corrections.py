"""A steering-group member corrects a figure in a published review, in a real browser
(issue 16, item 1): the edit is saved by the publish button itself, its differences are shown
before anything is frozen, and a correction that changes nothing is refused."""

import pytest

from tests.factories import PublishedReviewFactory, SteeringMemberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECTION = "| Measure | Number |\n|---|---|\n| Residents reached | 40,000 |\n\nMore than ever."
NOTE = "Corrected the residents reached to 42,000."


def test_a_correction_publishes_the_figure_typed_on_the_form(visit):
    review = PublishedReviewFactory(year=2001, section=SECTION)
    steering = SteeringMemberFactory()
    tab = visit(user=steering)
    change_path = f"/admin/reviews/review/{review.pk}/change/"
    page = tab.go(change_path)
    section = page.locator("#id_sections-0-body")
    section.click()
    section.fill(section.input_value().replace("40,000", "42,000"))

    # Leaving the form by a link asks first; staying keeps the edit on the form.
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Preview on the site").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    assert page.url.endswith(change_path)
    assert "42,000" in section.input_value()
    page.remove_listener("dialog", stay)

    # "Save and publish a correction…" without pressing "Save": the edit is saved, and the
    # differences from edition 1 are shown; nothing is frozen yet.
    page.get_by_role("button", name="Save and publish a correction…").click()
    page.wait_for_url(f"**/admin/reviews/review/{review.pk}/publish/")
    assert asked == ["beforeunload"]  # submitting the form never asks
    assert page.locator("del").all_inner_texts() == ["40,000"]
    assert page.locator("ins").all_inner_texts() == ["42,000"]
    assert review.editions.count() == 1
    tab.assert_accessible("publishing a correction, with its differences")

    page.get_by_label("What this correction changes").fill(NOTE)
    page.get_by_role("button", name="Publish the correction").click()
    page.wait_for_url(f"**{change_path}")
    assert "Published the 2001 review, edition 2" in page.locator(".messagelist").inner_text()

    public = tab.go("/reviews/2001/")
    main = public.locator("main").inner_text()
    assert "42,000" in main and "40,000" not in main and NOTE in main
    assert "42,000" in review.editions.get(number=2).content["sections"][0]["html"]

    # Pressed again with nothing changed since edition 2: refused, with the way back.
    page = tab.go(change_path)
    page.get_by_role("button", name="Save and publish a correction…").click()
    page.wait_for_url(f"**/admin/reviews/review/{review.pk}/publish/")
    assert "Nothing has changed since edition 2" in page.locator("#content-main").inner_text()
    assert page.get_by_role("button", name="Publish the correction").count() == 0
    page.get_by_role("link", name="Back to editing").click()
    page.wait_for_url(f"**{change_path}")
    assert review.editions.count() == 2


def test_without_javascript_the_publish_button_still_saves_the_edit_first(visit):
    review = PublishedReviewFactory(year=2001, section=SECTION)
    tab = visit(java_script=False, user=SteeringMemberFactory())
    page = tab.go(f"/admin/reviews/review/{review.pk}/change/")

    page.fill("#id_sections-0-body", SECTION.replace("40,000", "42,000"))
    page.get_by_role("button", name="Save and publish a correction…").click()
    page.wait_for_url(f"**/admin/reviews/review/{review.pk}/publish/")

    assert page.locator("ins").all_inner_texts() == ["42,000"]
    assert "42,000" in review.sections.get().body
