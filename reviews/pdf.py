"""The review as a PDF: WeasyPrint lays out the same templates as the web page, for A4, as a
tagged PDF/UA-1 document (structure tree, language and title), because published documents
fall under the public sector accessibility regulations too."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

STYLESHEET = Path(__file__).parent / "pdf.css"


def render_pdf(document: dict) -> bytes:
    html = render_to_string(
        "reviews/review_pdf.html",
        {"doc": document, "for_pdf": True, "link_prefix": settings.SITE_URL},
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf(
        stylesheets=[CSS(filename=STYLESHEET)],
        pdf_variant="pdf/ua-1",
        uncompressed_pdf=False,
    )
