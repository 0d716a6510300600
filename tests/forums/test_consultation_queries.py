"""A consultation's page and its CSV cost the same queries however many questions it asks
and however many answers it has (the topic page's cap in test_consultations.py keeps the
questions at three)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ForumFactory, MemberFactory
from tests.pages import query_count

from .factories import AnswerFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


def csv_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    return len(queries)


def answered(questions: int):
    consultation = ConsultationFactory(
        topic__forum=ForumFactory(), questions=[f"Question {n}?" for n in range(questions)]
    )
    for _ in range(questions):
        user = MemberFactory()
        for question in consultation.questions.all():
            AnswerFactory(question=question, user=user, comment="Because.")
    return consultation


def test_the_page_and_the_csv_cost_the_same_queries_for_one_question_as_for_ten(client):
    member = MemberFactory()
    client.force_login(member)
    one, ten = answered(1), answered(10)
    for consultation in (one, ten):
        client.get(consultation.get_absolute_url())  # the first visit records the reading
    AnswerFactory(question=ten.questions.first(), user=member)

    assert query_count(client, ten.get_absolute_url()) == query_count(
        client, one.get_absolute_url()
    )
    topic_csv = "/forums/{0.forum.slug}/{0.pk}/results.csv"
    assert csv_queries(client, topic_csv.format(ten.topic)) == csv_queries(
        client, topic_csv.format(one.topic)
    )
