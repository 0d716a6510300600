"""How long the annual review of a busy year takes to compile and to lay out as a PDF.

``python bench/review.py OUT.json``, after seeding: picks the year in which the most
published projects were active (the issue asks for a year with 10,000 projects), writes a
review of it with a few sections, and times, each ``RUNS`` times, compiling the figures and
laying out the PDF from them; then publishes it once (figures, PDF, storage: the whole
publishing step) so that bench/pages.py can load the published page and its PDF.
"""

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings")

RUNS = 3
TARGET_SECONDS = 10.0
TITLE = "Benchmark review of {year}"
SECTION = (
    "Boroughs, the NHS and the voluntary sector joined up more services this year.\n\n"
    "- One\n- Two\n- Three\n\n" + "A paragraph of the steering group's text. " * 40
)


def timed(work) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def busiest_year() -> tuple[int, int]:
    from projects.models import Project

    counts = {
        year: Project.objects.published().active_in(year).count() for year in range(1999, 2031)
    }
    year = max(counts, key=counts.get)
    return year, counts[year]


def main(out: str) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from pypdf import PdfReader

    from reviews import services
    from reviews.figures import compile_figures
    from reviews.models import Review, Section
    from reviews.pdf import render_pdf

    year, active = busiest_year()
    review, _ = Review.objects.update_or_create(
        year=year, defaults={"title": TITLE.format(year=year), "foreword": SECTION}
    )
    for order in range(1, 4):
        Section.objects.update_or_create(
            review=review, order=order, defaults={"heading": f"Part {order}", "body": SECTION}
        )

    compile_runs, pdf_runs, pdf = [], [], b""
    for _ in range(RUNS):
        seconds, figures = timed(lambda: compile_figures(year))
        compile_runs.append(seconds)
        document = services.document(review, services.content_of(review), figures)
        seconds, pdf = timed(lambda document=document: render_pdf(document))
        pdf_runs.append(seconds)
    steering = get_user_model().objects.filter(username="steering").first()
    note = "" if not review.editions.exists() else "Benchmark run: figures compiled again."
    publish_s, edition = timed(
        # A rerun publishes the same text again, deliberately: it measures the publish.
        lambda: services.publish(
            review, by=steering, correction_note=note, recompile=True, even_if_unchanged=True
        )
    )
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    worst = max(c + p for c, p in zip(compile_runs, pdf_runs, strict=True))
    result = {
        "year": year,
        "projects_active": active,
        "runs": RUNS,
        "compile_figures_s": [round(s, 3) for s in compile_runs],
        "render_pdf_s": [round(s, 3) for s in pdf_runs],
        "compile_and_render_median_s": round(
            statistics.median(c + p for c, p in zip(compile_runs, pdf_runs, strict=True)), 3
        ),
        "compile_and_render_worst_s": round(worst, 3),
        "publish_s": round(publish_s, 3),
        "edition": edition.number,
        "pdf_bytes": len(pdf),
        "pdf_pages": pages,
        "target": f"figures and PDF under {TARGET_SECONDS:.0f} s for a year of 10,000+ projects",
        "result": "PASS" if worst < TARGET_SECONDS and active >= 10000 else "FAIL",
    }
    Path(out).write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"  {year}: {active} projects active; figures {result['compile_figures_s']} s, "
        f"PDF {result['render_pdf_s']} s ({pages} pages, {len(pdf)} bytes); "
        f"publishing {result['publish_s']} s: {result['result']}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
