"""load_demo's consultations: an open and a closed one answered from several sectors, the
closed one with its summary of views; a second run changes nothing."""

import pytest
from django.core.management import call_command

from forums.models import Answer, Consultation

pytestmark = pytest.mark.django_db


def test_load_demo_loads_an_open_and_a_closed_consultation_once(capsys):
    call_command("load_demo")
    first = {
        "consultations": list(Consultation.objects.order_by("pk").values_list("pk", "closes_at")),
        "answers": list(Answer.objects.order_by("pk").values_list("pk", "choice", "updated_at")),
    }

    call_command("load_demo")

    assert (
        list(Consultation.objects.order_by("pk").values_list("pk", "closes_at"))
        == (first["consultations"])
    )
    assert (
        list(Answer.objects.order_by("pk").values_list("pk", "choice", "updated_at"))
        == (first["answers"])
    )
    open_ones = [c for c in Consultation.objects.all() if c.is_open]
    closed = [c for c in Consultation.objects.select_related("topic") if not c.is_open]
    assert len(open_ones) == 1 and len(closed) == 1
    assert closed[0].topic.decision  # the summary of views
    for consultation in Consultation.objects.all():
        answers = Answer.objects.filter(question__consultation=consultation)
        assert answers.values("organisation__sector").distinct().count() >= 4
        assert all(answer.created_at < consultation.closes_at for answer in answers)
    assert "consultations: 2 unchanged" in capsys.readouterr().out
