"""The annual review counts the consultations held in the year and the answers by sector, and
a published edition keeps the figures it was published with."""

import datetime

import pytest
from django.utils import timezone

from forums.models import Consultation, Visibility
from partners.models import Sector
from reviews import services
from reviews.figures import compile_figures
from tests.factories import (
    ForumFactory,
    MemberFactory,
    OrganisationFactory,
    ReviewFactory,
    SteeringMemberFactory,
)

from .factories import AnswerFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


def in_2025(consultation):
    Consultation.objects.filter(pk=consultation.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2025, 3, 1))
    )
    consultation.refresh_from_db()
    return consultation


def cells(figures, key, row_key):
    table = next(t for t in figures["tables"] if t["key"] == key)
    row = next(row for row in table["rows"] if row["key"] == row_key)
    return [cell["value"] for cell in row["cells"]]


def partner(sector):
    return MemberFactory(organisation=OrganisationFactory(sector=Sector.objects.get(slug=sector)))


def test_consultations_held_in_the_year_and_answers_by_sector():
    held = in_2025(ConsultationFactory(topic__subject="Cards?"))
    in_2025(ConsultationFactory(topic__forum=ForumFactory(visibility=Visibility.PARTNERS)))
    ConsultationFactory()  # opened now, in another year
    nurse, officer = partner("nhs"), partner("local-authority")
    colleague = MemberFactory(organisation=officer.membership.organisation)
    for user in (nurse, officer, colleague):
        for question in held.questions.all():
            AnswerFactory(question=question, user=user)

    figures = compile_figures(2025)

    assert cells(figures, "consultations", str(held.pk)) == [2, 6]
    assert cells(figures, "consultations", "all") == [2, 6]
    assert cells(figures, "consultation-responses-by-sector", "nhs") == [1, 2]
    assert cells(figures, "consultation-responses-by-sector", "local-authority") == [1, 4]
    assert cells(figures, "consultation-responses-by-sector", "police") == [0, 0]
    consultations = next(t for t in figures["tables"] if t["key"] == "consultations")
    assert [row["label"] for row in consultations["rows"]] == ["Cards?", "All 1 consultation"]


def test_the_consultation_figures_are_frozen_with_the_edition(client):
    held = in_2025(ConsultationFactory(topic__subject="Cards?"))
    AnswerFactory(question=held.questions.first(), user=partner("nhs"))
    services.publish(ReviewFactory(year=2025), by=SteeringMemberFactory())
    assert "Responses to consultations, by sector" in client.get("/reviews/2025/").content.decode()

    # Answers and consultations after publishing do not change the published figures.
    AnswerFactory(question=held.questions.last(), user=partner("police"))
    in_2025(ConsultationFactory())

    doc = client.get("/reviews/2025/").context["doc"]
    frozen = doc["tables"]
    assert [c["value"] for c in frozen["consultations"]["rows"][-1]["cells"]] == [1, 1]
    by_sector = {row["key"]: row for row in frozen["consultation_responses_by_sector"]["rows"]}
    assert [c["value"] for c in by_sector["police"]["cells"]] == [0, 0]
    assert cells(compile_figures(2025), "consultations", "all") == [2, 2]
    assert cells(compile_figures(2025), "consultation-responses-by-sector", "police") == [1, 1]
