"""Publishing freezes a review; drafts stay with the steering group; the PDF and the CSV."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from projects.models import Programme
from reviews import services
from reviews.models import Edition, Review
from tests.factories import (
    PartnerOfficerFactory,
    PublishedProjectFactory,
    ReviewFactory,
    SteeringMemberFactory,
)
from tests.pages import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def steering():
    return SteeringMemberFactory()


@pytest.fixture
def published(steering):
    PublishedProjectFactory(programme=Programme.PATHFINDER, start_date=datetime.date(2025, 3, 1))
    review = ReviewFactory(year=2025)
    services.publish(review, by=steering)
    review.refresh_from_db()
    return review


def started_cell(response) -> str:
    """The number of pathfinder projects started, as the page shows it."""
    page = body(response)
    start = page.index('id="table-projects-by-programme"')
    row = page.index("Pathfinder", start)
    return page[row : page.index("</tr>", row)]


def test_a_draft_is_404_to_the_public_and_to_partners_but_shown_to_the_steering_group(
    client, steering
):
    ReviewFactory(year=2026, title="Draft review of 2026")

    assert client.get("/reviews/2026/").status_code == 404
    assert "Draft review of 2026" not in body(client.get("/reviews/"))
    client.force_login(PartnerOfficerFactory())
    assert client.get("/reviews/2026/").status_code == 404
    assert client.get("/reviews/2026/pdf/?preview=draft").status_code == 404

    client.force_login(steering)
    response = client.get("/reviews/2026/")
    assert response.status_code == 200
    assert "This is a draft. The public cannot see it." in body(response)
    assert "no-store" in response["Cache-Control"]


def test_publishing_freezes_text_and_figures(client, published):
    before = client.get("/reviews/2025/")
    assert before.status_code == 200
    assert "Draft" not in before.context["doc"]["content"]["title"]

    # The registers and the draft text change after publishing...
    PublishedProjectFactory(programme=Programme.PATHFINDER, start_date=datetime.date(2025, 6, 1))
    published.title = "A retitled draft"
    published.save()

    after = client.get("/reviews/2025/")
    # ...and the public review does not.
    assert started_cell(after) == started_cell(before)
    assert ">1</a>" in started_cell(after)
    assert "A retitled draft" not in body(after)
    assert Edition.objects.filter(review=published).count() == 1


def test_a_correction_is_a_new_edition_and_the_earlier_one_stays(client, published, steering):
    published.title = "E-activity in London, 2025 (corrected)"
    published.save()
    PublishedProjectFactory(programme=Programme.PATHFINDER, start_date=datetime.date(2025, 6, 1))

    with pytest.raises(ValidationError, match="say what it corrects"):
        services.publish(published, by=steering)
    services.publish(published, by=steering, correction_note="Fixed the title.", recompile=False)

    latest = client.get("/reviews/2025/")
    assert "(corrected)" in body(latest)
    assert "Fixed the title." in body(latest)
    assert ">1</a>" in started_cell(latest)  # figures kept as first published
    first = client.get("/reviews/2025/?edition=1")
    assert "(corrected)" not in first.context["doc"]["content"]["title"]
    assert "This is an earlier edition" in body(first)

    services.publish(published, by=steering, correction_note="New figures.", recompile=True)
    assert ">2</a>" in started_cell(client.get("/reviews/2025/"))
    assert list(published.editions.values_list("number", flat=True)) == [3, 2, 1]


def test_a_double_publish_makes_one_edition(published, steering):
    with pytest.raises(ValidationError):
        services.publish(published, by=steering)
    assert published.editions.count() == 1


def test_the_list_shows_published_reviews_newest_first(client, published, steering):
    newer = ReviewFactory(year=2026)
    services.publish(newer, by=steering)
    ReviewFactory(year=2027)  # a draft

    page = body(client.get("/reviews/"))

    assert page.index("2026: E-activity") < page.index("2025: E-activity")
    assert "2027" not in page


def figure_alternatives(node) -> list[str]:
    """The alternative text of every Figure in a PDF's structure tree, in order."""
    node = node.get_object()
    if not isinstance(node, dict):
        return []
    found = [str(node["/Alt"])] if node.get("/S") == "/Figure" else []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        found += figure_alternatives(kid)
    return found


def test_the_pdf_is_the_stored_one_tagged_with_contents_and_figures(client, published, monkeypatch):
    def no_rendering(*args, **kwargs):
        raise AssertionError("a published PDF must not be rendered again")

    monkeypatch.setattr("reviews.pdf.render_pdf", no_rendering)
    monkeypatch.setattr("reviews.views.render_pdf", no_rendering)

    response = client.get("/reviews/2025/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="londonconnects-annual-review-2025.pdf"' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    edition = published.editions.get()
    with edition.pdf.open("rb") as stored:
        assert data == stored.read()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 5
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged
    assert str(catalog["/Lang"]).lower() == "en-gb"
    assert reader.metadata.title == "E-activity in London, 2025"
    cover = reader.pages[0].extract_text()
    assert "E-activity in London, 2025" in cover
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "Foreword" in contents and "2025 in figures" in contents
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Projects by programme" in text
    assert "Pathfinder" in text
    assert "Page 3 of" in text  # the running footer
    assert "CMD" in text and "Central: 0" in text  # the map: Camden's square, its legend
    assert figure_alternatives(catalog["/StructTreeRoot"]) == [
        "Projects active in 2025, by sub-region",
        "Projects active in 2025, by programme",
        "Projects active in 2025, by sector",
    ]
    edition.refresh_from_db()
    assert edition.pdf_downloads == 1
    assert client.head("/reviews/2025/pdf/").status_code == 200
    edition.refresh_from_db()
    assert edition.pdf_downloads == 1  # a HEAD is not a download


def test_the_contents_page_numbers_point_at_the_right_pages(client, published):
    data = b"".join(client.get("/reviews/2025/pdf/").streaming_content)
    reader = PdfReader(io.BytesIO(data))
    contents = reader.pages[1].extract_text()
    line = next(line for line in contents.splitlines() if "Joining up services" in line)
    page_number = int(line.rstrip(". ").split()[-1].strip("."))
    assert "Joining up services" in reader.pages[page_number - 1].extract_text()


def test_the_figures_download_as_csv_with_where_to_check_them(client, published):
    response = client.get("/reviews/2025/data.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body(response))))
    pathfinder = next(
        row
        for row in rows
        if row["table"] == "Projects by programme"
        and row["row"] == "Pathfinder"
        and row["column"] == "Started"
    )
    assert pathfinder["value"] == "1"
    assert pathfinder["check_at"] == (
        "https://londonconnects.test/projects/?programme=pathfinder&started_in=2025"
    )
    assert published.editions.get().data_downloads == 1


@pytest.mark.parametrize(
    "path",
    [
        "/reviews/1999/",
        "/reviews/1999/pdf/",
        "/reviews/1999/data.csv",
        "/reviews/twenty/",
        "/reviews/2025x/pdf/",
        "/reviews/99999999999/",
        "/reviews/2025/?edition=7",
        "/reviews/2025/?edition=one",
        "/reviews/2025/pdf/?edition=-1",
        "/reviews/2025/data.csv?edition=99999999",
        "/reviews/2025/?edition=%C2%B2",
        "/reviews/2025/pdf/?edition=%C2%B2",
    ],
)
def test_bad_years_and_editions_are_404(client, published, path):
    assert client.get(path).status_code == 404


def test_the_steering_group_publishes_in_the_admin(client, staff_login, steering):
    review = ReviewFactory(year=2025)
    staff_login(steering)
    url = f"/admin/reviews/review/{review.pk}/publish/"

    def shown() -> dict:
        """The hidden fields of the publish page: the edition and the draft it showed."""
        context = client.get(url).context
        return {key: context[key] for key in ("expected_latest", "expected_draft")}

    assert client.get(f"/admin/reviews/review/{review.pk}/change/").status_code == 200
    assert client.get(url).status_code == 200
    first = shown()
    response = client.post(url, first)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED
    assert review.editions.count() == 1

    # A second press of the same form is refused with a message, not a second edition.
    again = client.post(url, first)
    assert again.status_code == 200
    assert "was published while you were looking" in body(again)
    assert review.editions.count() == 1
    # A correction needs a note; pressed twice, it too makes one edition.
    review.title = "E-activity in London, 2025 (corrected)"
    review.save()
    page = client.get(url)
    assert 'name="expected_latest" value="1"' in body(page)
    no_note = client.post(url, shown())
    assert "say what it corrects" in body(no_note)
    correction = {**shown(), "correction_note": "Fixed a typo."}
    assert client.post(url, correction).status_code == 302
    twice = client.post(url, correction)
    assert twice.status_code == 200
    assert list(review.editions.values_list("number", flat=True)) == [2, 1]


def test_partner_officers_cannot_publish(client, staff_login):
    review = ReviewFactory(year=2025)
    staff_login(PartnerOfficerFactory())

    assert client.post(f"/admin/reviews/review/{review.pk}/publish/", {}).status_code == 403
    assert review.editions.count() == 0


def test_review_text_is_sanitised_markdown(client, steering):
    ReviewFactory(
        year=2025, section="Hello <script>alert(1)</script> [x](javascript:alert(1)) **bold**"
    )
    client.force_login(steering)

    page = body(client.get("/reviews/2025/"))

    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:' not in page
    assert "<strong>bold</strong>" in page


def test_published_pages_cost_a_fixed_few_queries(client, published, steering):
    from tests.pages import query_count

    first = {path: query_count(client, path) for path in ("/reviews/", "/reviews/2025/")}
    for note in ("One.", "Two."):
        published.title = f"Corrected: {note}"  # a correction must change something
        published.save()
        services.publish(published, by=steering, correction_note=note, recompile=False)
    ReviewFactory(year=2026)
    services.publish(Review.objects.get(year=2026), by=steering)

    later = {path: query_count(client, path) for path in ("/reviews/", "/reviews/2025/")}
    assert later == first
    assert first["/reviews/"] <= 2 and first["/reviews/2025/"] <= 3


def test_a_publish_that_is_rolled_back_leaves_no_pdf_behind(steering):
    from django.core.files.storage import storages
    from django.db import transaction

    from registers.storage import stored_files_kept_only_on_success

    review = ReviewFactory(year=2025)

    with pytest.raises(RuntimeError), stored_files_kept_only_on_success(), transaction.atomic():
        services.publish(review, by=steering)
        raise RuntimeError("a later step of the same request fails")

    assert review.editions.count() == 0
    assert storages["reviews"].listdir("2025")[1] == []


def test_a_published_body_is_drawn_once(client, published, monkeypatch):
    first = body(client.get("/reviews/2025/"))

    def no_drawing(figures):
        raise AssertionError("an edition's charts are drawn once, then kept")

    monkeypatch.setattr("reviews.services.charts_for", no_drawing)

    assert body(client.get("/reviews/2025/")) == first


def test_the_steering_group_writes_a_review_with_sections_in_the_admin(client, staff_login):
    staff_login(SteeringMemberFactory())

    response = client.post(
        "/admin/reviews/review/add/",
        {
            "year": "2026",
            "title": "E-activity in London, 2026",
            "foreword": "A **draft**.",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
            "sections-0-order": "1",
            "sections-0-heading": "The year so far",
            "sections-0-body": "- one\n- two",
        },
    )

    assert response.status_code == 302, body(response)[:2000]
    review = Review.objects.get(year=2026)
    assert review.status == Review.Status.DRAFT
    assert review.foreword_html == "<p>A <strong>draft</strong>.</p>\n"
    assert review.sections.get().body_html == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    # The year is the review's address: a second review of it is refused, not a 500.
    again = client.post("/admin/reviews/review/add/", {"year": "2026", "title": "Again"})
    assert again.status_code == 200
    assert "Review with this Year already exists." in body(again)
