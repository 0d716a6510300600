"""A correction publishes what is on the form, shows its differences first, and is refused
when it would change nothing (issue 16, item 1)."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from projects.models import Programme
from reviews import services
from reviews.differences import text_changes
from reviews.models import Review
from tests.factories import (
    PartnerOfficerFactory,
    PublishedProjectFactory,
    PublishedReviewFactory,
    SteeringMemberFactory,
    UserFactory,
)
from tests.pages import body

pytestmark = pytest.mark.django_db

SECTION = "| Measure | Number |\n|---|---|\n| Residents reached | 40,000 |\n\nMore than ever."


@pytest.fixture
def review():
    return PublishedReviewFactory(year=2025, section=SECTION)


@pytest.fixture
def steering(client, staff_login):
    return staff_login(SteeringMemberFactory())


def change_form(review: Review, *, section_body: str, **pressed) -> dict:
    """The review's change form as the browser sends it: every field, its one section."""
    section = review.sections.get()
    return {
        "title": review.title,
        "foreword": review.foreword,
        "conference_name": review.conference_name,
        "conference_date": review.conference_date.isoformat(),
        "conference_venue": review.conference_venue,
        "conference_url": review.conference_url,
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "1",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "sections-0-id": str(section.pk),
        "sections-0-review": str(review.pk),
        "sections-0-order": str(section.order),
        "sections-0-heading": section.heading,
        "sections-0-body": section_body,
        **pressed,
    }


def publish_form(client, review: Review, **fields) -> dict:
    """The publish page's hidden fields as shown, with ``fields`` filled in."""
    shown = client.get(f"/admin/reviews/review/{review.pk}/publish/").context
    return {
        "expected_latest": shown["expected_latest"],
        "expected_draft": shown["expected_draft"],
        **fields,
    }


def test_publishing_from_the_change_form_saves_the_edit_first_and_publishes_it(
    client, review, steering
):
    change_url = f"/admin/reviews/review/{review.pk}/change/"
    page = body(client.get(change_url))
    assert 'name="_publish" ' in page and "Save and publish a correction…" in page
    # The old trap: a link to publishing that left the form, and its edits, behind.
    assert f'href="/admin/reviews/review/{review.pk}/publish/"' not in page

    # The figure is edited and "Save and publish a correction" pressed, without "Save" first.
    edited = SECTION.replace("40,000", "42,000")
    pressed = client.post(
        change_url, change_form(review, section_body=edited, _publish="Save and publish…")
    )

    assert pressed.status_code == 302
    assert pressed["Location"] == f"/admin/reviews/review/{review.pk}/publish/"
    assert "42,000" in review.sections.get().body_html  # saved, not lost
    assert review.editions.count() == 1  # nothing frozen unseen
    differences = client.get(pressed["Location"])
    page = body(differences)
    assert "Saved the 2025 review. Check what publishing would change" in page
    assert "Section 1: Joining up services" in page
    assert "<del>40,000</del>" in page and "<ins>42,000</ins>" in page
    assert "Residents reached" in page

    note = "Corrected the residents reached to 42,000."
    published = client.post(pressed["Location"], publish_form(client, review, correction_note=note))

    assert published.status_code == 302
    edition = review.editions.order_by("-number").first()
    assert edition.number == 2 and edition.correction_note == note
    assert "42,000" in edition.content["sections"][0]["html"]
    public = body(client.get("/reviews/2025/"))
    assert "42,000" in public and "40,000" not in public and note in public


def test_the_form_in_error_publishes_nothing_and_keeps_the_text(client, review, steering):
    edited = SECTION.replace("40,000", "42,000")
    refused = client.post(
        f"/admin/reviews/review/{review.pk}/change/",
        {**change_form(review, section_body=edited, _publish="…"), "title": ""},
    )

    assert refused.status_code == 200
    assert "42,000" in body(refused)  # what was typed is still on the form
    assert "42,000" not in review.sections.get().body_html
    assert review.editions.count() == 1


def test_a_correction_that_changes_nothing_is_refused(client, review, steering):
    pressed = client.post(
        f"/admin/reviews/review/{review.pk}/change/",
        change_form(review, section_body=SECTION, _publish="…"),
    )
    page = client.get(pressed["Location"])

    assert "Nothing has changed since edition 1" in body(page)
    assert "Publish the correction" not in body(page)
    assert "Compiling the figures again would change none of them." in body(page)

    for recompile in ({}, {"recompile": "on"}):
        form = publish_form(client, review, correction_note="Corrected nothing.", **recompile)
        refused = client.post(f"/admin/reviews/review/{review.pk}/publish/", form)
        assert refused.status_code == 200
        assert "Nothing has changed since edition 1 of the 2025 review" in body(refused)
    assert review.editions.count() == 1
    with pytest.raises(services.NothingChanged):
        services.publish(review, by=SteeringMemberFactory(), correction_note="Again.")


def test_new_figures_are_listed_and_published_only_when_compiled_again(client, review, steering):
    PublishedProjectFactory(programme=Programme.PATHFINDER, start_date=datetime.date(2025, 6, 1))

    page = body(client.get(f"/admin/reviews/review/{review.pk}/publish/"))

    assert "The saved text is the same as in edition 1." in page
    assert (
        "<td>Projects by programme</td><td>Pathfinder</td><td>Started</td><td>0</td><td>1</td>"
        in (page)
    )
    kept = publish_form(client, review, correction_note="New figures.")
    assert "Nothing has changed" in body(
        client.post(f"/admin/reviews/review/{review.pk}/publish/", kept)
    )
    compiled = {**kept, "recompile": "on"}
    assert client.post(f"/admin/reviews/review/{review.pk}/publish/", compiled).status_code == 302
    assert review.editions.count() == 2


def test_a_draft_saved_again_after_its_differences_were_shown_is_not_published(
    client, review, steering
):
    review.title = "E-activity in London, 2025 (corrected)"
    review.save()
    shown = publish_form(client, review, correction_note="Fixed the title.")
    # Someone else saves the draft meanwhile, in another tab.
    review.title = "E-activity in London, 2025 (unchecked)"
    review.save()

    refused = client.post(f"/admin/reviews/review/{review.pk}/publish/", shown)

    assert refused.status_code == 200
    assert "was saved again while you were looking at this page" in body(refused)
    assert "<ins> (unchecked)</ins>" in body(refused)  # the page now shows the new draft
    assert review.editions.count() == 1
    # Without the page's hidden fields nothing is published either.
    bare = client.post(
        f"/admin/reviews/review/{review.pk}/publish/", {"correction_note": "Fixed the title."}
    )
    assert "This page was out of date" in body(bare)
    assert review.editions.count() == 1
    # The page as shown now publishes.
    again = publish_form(client, review, correction_note="Fixed the title.")
    assert client.post(f"/admin/reviews/review/{review.pk}/publish/", again).status_code == 302
    assert review.editions.order_by("-number").first().content["title"].endswith("(unchecked)")


def test_who_may_publish_from_the_change_form(client, review, staff_login):
    # An officer may not even open the review.
    staff_login(PartnerOfficerFactory())
    assert client.get(f"/admin/reviews/review/{review.pk}/publish/").status_code == 403
    form = change_form(review, section_body="Changed.", _publish="…")
    assert client.post(f"/admin/reviews/review/{review.pk}/change/", form).status_code == 403

    # Someone who may edit the text but not publish saves it, and publishes nothing.
    writer = UserFactory(is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reviews",
            codename__in=["view_review", "change_review", "view_section", "change_section"],
        )
    )
    staff_login(writer)
    assert "_publish" not in body(client.get(f"/admin/reviews/review/{review.pk}/change/"))
    saved = client.post(f"/admin/reviews/review/{review.pk}/change/", form)
    assert saved.status_code == 302 and "/publish/" not in saved["Location"]
    assert review.sections.get().body == "Changed."
    assert client.get(f"/admin/reviews/review/{review.pk}/publish/").status_code == 403
    assert review.editions.count() == 1


def test_the_differences_mark_the_changed_words_in_their_part():
    before = {
        "title": "A review",
        "foreword_html": "<p>Thanks to all.</p>",
        "sections": [{"heading": "Numbers", "html": "<p>We reached <em>40,000</em>.</p>"}],
        "conference": {"name": "", "date": "", "venue": "", "url": ""},
    }
    after = {
        **before,
        "sections": [
            {"heading": "Numbers", "html": "<p>We reached <em>42,000</em>.</p>"},
            {"heading": "New", "html": "<p>A &lt;script&gt; line.</p>"},
        ],
    }

    changes = text_changes(before, after)

    assert changes == [
        {
            "part": "Section 1: Numbers",
            "lines": [
                {"kind": "removed", "pieces": [(False, "We reached "), (True, "40,000.")]},
                {"kind": "added", "pieces": [(False, "We reached "), (True, "42,000.")]},
            ],
        },
        {
            "part": "Section 2: New",
            "lines": [
                {"kind": "added", "pieces": [(True, "New")]},
                {"kind": "added", "pieces": [(True, "A <script> line.")]},
            ],
        },
    ]
    assert text_changes(before, before) == []
