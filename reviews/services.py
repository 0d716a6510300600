"""Publishing a review, and what its page, its PDF and its data are drawn from."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import SimpleLazyObject

from registers import charts
from registers.exports import CsvWriter
from registers.storage import note_stored, stored_files_kept_only_on_success

from .differences import figure_changes, fingerprint
from .figures import comparison, compile_figures
from .models import Edition, Review
from .pdf import render_pdf


def content_of(review: Review) -> dict:
    """The review's text as it stands now, in the form an edition freezes it."""
    return {
        "title": review.title,
        "foreword_html": review.foreword_html,
        "sections": [
            {"heading": section.heading, "html": section.body_html}
            for section in review.sections.all()
        ],
        "conference": {
            "name": review.conference_name,
            "date": review.conference_date.isoformat() if review.conference_date else "",
            "venue": review.conference_venue,
            "url": review.conference_url,
        },
    }


def document(
    review: Review, content: dict, figures: dict, *, edition: Edition | None = None
) -> dict:
    """Everything the review's templates (web page and PDF alike) show."""
    compared = comparison(figures)
    contents = [("foreword", "Foreword")] if content["foreword_html"] else []
    contents += [
        (f"section-{number}", section["heading"])
        for number, section in enumerate(content["sections"], start=1)
    ]
    contents.append(("figures", f"{review.year} in figures"))
    if compared:
        contents.append(("comparison", f"Compared with {review.year - 1}"))
    if content["conference"]["name"]:
        contents.append(("conference", content["conference"]["name"]))
    return {
        "review": review,
        "year": review.year,
        "content": content,
        "figures": figures,
        # Keyed for templates, which cannot look up a name with a hyphen.
        "tables": {item["key"].replace("-", "_"): item for item in figures["tables"]},
        "conference_date": parse_date(content["conference"]["date"] or ""),
        "compiled_at": parse_datetime(figures["compiled_at"]),
        "comparison": compared,
        "grew": [row["label"] for row in compared if row["trend"] == "grew"],
        "shrank": [row["label"] for row in compared if row["trend"] == "shrank"],
        "contents": contents,
        # Drawn only if a template asks (a published page's body usually comes from the cache).
        "charts": SimpleLazyObject(lambda: charts_for(figures)),
        "edition": edition,
        "is_draft": edition is None,
    }


def draft_document(review: Review) -> dict:
    """The draft as the steering group sees it before publishing: the text as it stands and
    the figures compiled from the registers now."""
    return document(review, content_of(review), compile_figures(review.year))


def edition_document(edition: Edition) -> dict:
    return document(edition.review, edition.content, edition.figures, edition=edition)


def column(figures_table: dict, index: int) -> dict[str, int]:
    return {
        row["key"]: row["cells"][index]["value"]
        for row in figures_table["rows"]
        if row["key"] != "all"
    }


def labels(figures_table: dict) -> dict[str, str]:
    return {row["key"]: row["label"] for row in figures_table["rows"] if row["key"] != "all"}


def charts_for(figures: dict) -> dict:
    """The charts of the active projects, drawn from the figures (so from the snapshot, for
    a published edition)."""
    tables = {item["key"]: item for item in figures["tables"]}
    year = figures["year"]
    active = 1  # the "Active" column of the project tables
    by_region = tables["projects-by-sub-region"]
    counts = column(by_region, active)
    region_names = labels(by_region)
    drawn = {
        "map": charts.tile_map(
            counts,
            labels=region_names,
            title=f"Projects active in {year}, by sub-region",
            description=(
                "A map of London's 33 local authorities as equal squares, each shaded by the "
                "number of projects active in its sub-region: "
                + "; ".join(f"{region_names[key]} {value}" for key, value in counts.items())
                + ". The table beside the map gives the same figures."
            ),
            chart_id="chart-sub-regions",
        )
    }
    for name in ("programme", "sector"):
        key = f"projects-by-{name}"
        rows = [
            (row["label"], row["cells"][active]["value"])
            for row in tables[key]["rows"]
            if row["key"] != "all"
        ]
        drawn[name] = charts.bar_chart(
            rows,
            title=f"Projects active in {year}, by {name}",
            description="Bars, one per "
            + name
            + ": "
            + "; ".join(f"{label} {value}" for label, value in rows)
            + ". The table beside the chart gives the same figures.",
            chart_id=f"chart-{key}",
        )
    return drawn


class AlreadyPublished(ValidationError):
    """Someone published this review (or a correction) since the form was shown."""


class DraftChanged(ValidationError):
    """The draft was saved again since its differences were shown to the publisher."""


class NothingChanged(ValidationError):
    """A correction that would publish the same text and figures as the latest edition."""


def publish(
    review: Review,
    *,
    by,
    correction_note: str = "",
    recompile: bool = True,
    expected_latest: int | None = None,
    expected_draft: str | None = None,
    even_if_unchanged: bool = False,
) -> Edition:
    """Freeze the review as a new edition: its text, figures compiled once, and its PDF.

    The first edition publishes the review; every later one is a correction, which must say
    what it corrects, and keeps the earlier figures unless ``recompile`` asks for new ones.
    A correction that would change nothing (the same text and figures as the latest
    edition) is refused unless ``even_if_unchanged``: readers would be told of a
    correction that is not there.
    ``expected_latest`` is the edition the publisher saw (0 for none): if another has been
    published since, nothing is published, so a double submit makes one edition, not two.
    ``expected_draft`` is the ``differences.fingerprint`` of the text whose differences the
    publisher read: if the draft has been saved differently since, nothing is published.
    The review row is locked meanwhile, and the PDF is deleted again if the publishing
    transaction does not commit.
    """
    with stored_files_kept_only_on_success(), transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        latest = review.editions.order_by("-number").first()
        latest_number = latest.number if latest else 0
        if expected_latest is not None and expected_latest != latest_number:
            raise AlreadyPublished(
                f"Edition {latest_number} of the {review.year} review was published while "
                "you were looking at this page. Check it before publishing again."
            )
        content = content_of(review)
        if expected_draft is not None and expected_draft != fingerprint(content):
            raise DraftChanged(
                f"The {review.year} review was saved again while you were looking at this "
                "page. Check the differences below, as they are now, before publishing."
            )
        figures = compile_figures(review.year) if latest is None or recompile else latest.figures
        if (
            latest is not None
            and not even_if_unchanged
            and content == latest.content
            and not figure_changes(latest.figures, figures)
        ):
            kept = (
                "and compiling the figures again changes none of them"
                if recompile
                else "and the figures are kept as they were"
            )
            raise NothingChanged(
                f"Nothing has changed since edition {latest_number} of the {review.year} "
                f"review: the saved text is the same, {kept}. Edit the review and save it "
                "before publishing a correction."
            )
        correction_note = correction_note.strip()
        if latest is not None and not correction_note:
            raise ValidationError(
                f"The {review.year} review is published already. To publish a correction, "
                "say what it corrects."
            )
        edition = Edition(
            review=review,
            number=latest_number + 1,
            published_at=timezone.now(),
            published_by=by,
            correction_note=correction_note,
            content=content,
            figures=figures,
        )
        pdf = render_pdf(edition_document(edition))
        edition.pdf.save(f"{review.year}.pdf", ContentFile(pdf), save=False)
        note_stored(edition.pdf.storage, edition.pdf.name)
        edition.pdf_size = len(pdf)
        edition.save()
        review.status = Review.Status.PUBLISHED
        review.save()
    return edition


def figures_csv(figures: dict) -> str:
    """The figures as one tidy table: a row per number, with the register view that shows
    the rows it counts."""
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["year", "table", "row", "column", "value", "check_at"])
    for figures_table in figures["tables"]:
        for row in figures_table["rows"]:
            for heading, item in zip(figures_table["columns"], row["cells"], strict=True):
                check_at = settings.SITE_URL + item["link"] if item["link"] else ""
                values = [
                    figures["year"],
                    figures_table["title"],
                    row["label"],
                    heading,
                    item["value"],
                    check_at,
                ]
                writer.writerow(values)
    return out.getvalue()
