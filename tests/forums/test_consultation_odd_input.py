"""Odd query strings on the consultation pages and odd answer POSTs: never a 500, nothing
half-written, and what is refused is a 4xx."""

import pytest

from forums.models import Answer
from tests.factories import ForumFactory, MemberFactory

from .factories import ConsultationFactory

pytestmark = pytest.mark.django_db

ODD = [
    "page=abc",
    "page=0",
    "page=-1",
    "page=99999",
    "page=%00",
    "post=abc",
    "post=99999999999999999999999",
    "quote=abc",
    "quote=99999999999999999999999",
    "post=%D9%A3",  # an Arabic-Indic digit: isdigit() but not ASCII
    "month=2026-13",
    "held_in=x",
    "kind=nope",
    "q=" + "x" * 5000,
]


@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "partner"])
def test_odd_query_strings_never_give_a_500(client, signed_in):
    consultation = ConsultationFactory(topic__forum=ForumFactory())
    topic = consultation.topic
    if signed_in:
        client.force_login(MemberFactory())
    addresses = [
        "/forums/consultations/",
        topic.get_absolute_url(),
        f"/forums/{topic.forum.slug}/{topic.pk}/results.csv",
    ]

    bad = {
        (address, query): status
        for address in addresses
        for query in ODD
        if (status := client.get(f"{address}?{query}").status_code) >= 500
    }

    assert bad == {}


def test_odd_answer_posts_are_refused_and_write_nothing(client):
    consultation = ConsultationFactory(topic__forum=ForumFactory())
    other = ConsultationFactory(topic__forum=consultation.topic.forum)
    first, second = consultation.questions.order_by("position")
    foreign = other.questions.first()
    client.force_login(MemberFactory())
    url = f"/forums/{consultation.topic.forum.slug}/{consultation.topic.pk}/answers/"
    posts = [
        {},
        {f"choice_{first.pk}": "Agree"},  # the second question unanswered
        {f"choice_{first.pk}": "Agree", f"choice_{second.pk}": "Maybe"},  # not offered
        {f"choice_{first.pk}": ["Agree", "Disagree"], f"choice_{second.pk}": "%00"},
        {f"choice_{first.pk}": "Agree", f"choice_{second.pk}": "Agree\x00"},
        {
            f"choice_{first.pk}": "Agree",
            f"choice_{second.pk}": "Agree",
            f"comment_{first.pk}": "z" * 5000,
        },
        {f"choice_{foreign.pk}": "Agree", f"choice_{first.pk}": "Agree"},
    ]

    statuses = [client.post(url, data).status_code for data in posts]

    assert statuses == [400] * len(posts)
    assert not Answer.objects.exists()
