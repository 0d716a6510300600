"""Consultations: opening one, answering once per question until it closes, the tally by
sector and sub-region, the comments, the summary of views and the CSV of results."""

import csv
import datetime
import io
from collections import Counter

import pytest
from django.contrib.auth.models import Group as Role
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.consultations import NO_SUB_REGION
from forums.models import Answer, Consultation, Question, Topic, Visibility
from partners.models import Sector, SubRegion
from partners.roles import MODERATOR
from tests.factories import (
    ForumFactory,
    MemberFactory,
    OrganisationFactory,
    SteeringMemberFactory,
    UserFactory,
)
from tests.pages import body, error_summary, query_count

from .factories import AnswerFactory, ClosedConsultationFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return ForumFactory(name="Smart cards", slug="smart-cards")


@pytest.fixture
def consultation(forum):
    return ConsultationFactory(topic__forum=forum, topic__subject="One card for London?")


@pytest.fixture
def member(client):
    user = MemberFactory()
    client.force_login(user)
    return user


def answer_url(consultation):
    topic = consultation.topic
    return reverse("forums:answer", args=[topic.forum.slug, topic.pk])


def answers_form(consultation, *choices, comments=()):
    """The POST of the answer form: a choice (and a comment) for each question, in order."""
    data = {}
    questions = consultation.questions.order_by("position")
    for number, (question, choice) in enumerate(zip(questions, choices, strict=True)):
        data[f"choice_{question.pk}"] = choice
        data[f"comment_{question.pk}"] = comments[number] if number < len(comments) else ""
    return data


def answer(client, consultation, *choices, **kwargs):
    return client.post(answer_url(consultation), answers_form(consultation, *choices, **kwargs))


def organisation(sector, sub_region=None):
    return OrganisationFactory(
        sector=Sector.objects.get(slug=sector),
        sub_region=SubRegion.objects.get(slug=sub_region) if sub_region else None,
    )


# -- the tally ------------------------------------------------------------------------------


def test_the_tally_equals_a_count_made_from_the_answers(client, consultation):
    borough = organisation("local-authority", "east")
    trust = organisation("nhs", "north")
    police = organisation("police")  # London-wide: no sub-region
    given = [
        (borough, "Agree", "Disagree"),
        (borough, "Agree", "Agree"),
        (borough, "Partly agree", "Agree"),
        (trust, "Disagree", "Don't know"),
        (trust, "Agree", "Agree"),
        (police, "Don't know", "Agree"),
    ]
    for partner, *choices in given:
        answerer = Client(HTTP_X_FORWARDED_PROTO="https")
        answerer.force_login(MemberFactory(organisation=partner))
        assert answer(answerer, consultation, *choices).status_code == 302

    tallies = client.get(consultation.get_absolute_url()).context["tallies"]

    # Counted here from the rows themselves, not by the code under test.
    rows = Answer.objects.values_list(
        "question__position",
        "choice",
        "organisation__sector__name",
        "organisation__sub_region__name",
    )
    by_sector = Counter((position, choice, sector) for position, choice, sector, _ in rows)
    by_region = Counter(
        (position, choice, region or NO_SUB_REGION) for position, choice, _, region in rows
    )
    assert len(rows) == 12
    for tally in tallies:
        position = tally.question.position
        for row in tally.by_sector:
            for choice, count in zip(tally.choices, row.counts, strict=True):
                assert count == by_sector[(position, choice, row.name)], (position, row.name)
        for row in tally.by_sub_region:
            for choice, count in zip(tally.choices, row.counts, strict=True):
                assert count == by_region[(position, choice, row.name)], (position, row.name)
        assert tally.total == sum(1 for p, *_ in rows if p == position) == 6
    first = tallies[0]
    assert dict(zip(first.choices, first.totals, strict=True)) == {
        "Agree": 3,
        "Partly agree": 1,
        "Disagree": 1,
        "Don't know": 1,
    }
    assert {row.name for row in first.by_sub_region} == {"East", "North", NO_SUB_REGION}


def test_the_page_shows_the_chart_the_tables_and_the_comments_without_emails(client, forum):
    consultation = ConsultationFactory(topic__forum=forum, questions=["Do you agree?"])
    partner = organisation("nhs", "north")
    writer = MemberFactory(organisation=partner, email="ann.writer@nhs.example")
    AnswerFactory(
        question=consultation.questions.get(), user=writer, comment="Only with <b>consent</b>."
    )

    page = body(client.get(consultation.get_absolute_url()))

    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert 'data-value="1"' in page  # the "Agree" bar
    assert "Answers to question 1, by sector" in page
    assert "Answers to question 1, by sub-region" in page
    assert "Comments from those who answered “Agree”" in page
    assert "Only with &lt;b&gt;consent&lt;/b&gt;." in page  # escaped, never markup
    assert f"{partner.name} ({partner.sector.name})" in page
    assert "ann.writer@nhs.example" not in page
    assert writer.last_name not in page
    assert f"Partners can answer until {services.closing_words(consultation)}." in page


# -- answering ------------------------------------------------------------------------------


def test_a_partner_answers_and_can_change_their_answer_until_it_closes(
    client, consultation, member
):
    response = answer(client, consultation, "Agree", "Disagree", comments=["Yes.", ""])
    assert response.status_code == 302

    response = answer(client, consultation, "Disagree", "Disagree", comments=["On reflection, no."])

    assert response.status_code == 302
    first = consultation.questions.get(position=1)
    mine = Answer.objects.get(question=first, user=member)
    assert (mine.choice, mine.comment) == ("Disagree", "On reflection, no.")
    assert mine.organisation == member.membership.organisation
    assert Answer.objects.filter(user=member).count() == 2
    page = client.get(consultation.get_absolute_url())
    assert page.context["answered"]
    assert page.context["tallies"][0].totals == [0, 0, 1, 0]
    assert "Change your answers" in body(page)


def test_a_double_submit_makes_one_answer_per_question(client, consultation, member):
    data = answers_form(consultation, "Agree", "Agree")
    client.post(answer_url(consultation), data)
    client.post(answer_url(consultation), data)

    assert Answer.objects.filter(user=member).count() == 2


def test_the_database_holds_one_answer_per_person_per_question(consultation):
    first = AnswerFactory(question=consultation.questions.first())

    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(
            question=first.question,
            user=first.user,
            organisation=first.organisation,
            choice="Disagree",
        )


def test_the_service_upserts_the_answer(consultation):
    partner = MemberFactory()
    question = consultation.questions.first()
    for choice in ("Agree", "Disagree", "Partly agree"):
        services.answer_consultation(
            consultation=consultation, user=partner, answers={question.pk: (choice, "")}
        )

    assert list(Answer.objects.values_list("choice", flat=True)) == ["Partly agree"]


def test_answering_after_closing_is_refused_with_a_clear_message(client, forum, member):
    closed = ClosedConsultationFactory(topic__forum=forum)
    before = AnswerFactory(question=closed.questions.first(), user=member, choice="Agree")

    response = answer(client, closed, "Disagree", "Disagree")

    assert response.status_code == 409
    assert "closed on" in body(response) and "takes no more answers" in body(response)
    assert error_summary(response)  # each link leads to the consultation on the page
    before.refresh_from_db()
    assert before.choice == "Agree"
    assert Answer.objects.count() == 1


def test_a_consultation_closing_between_showing_and_sending_refuses_the_answer(
    client, consultation, member
):
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(services.Refused) as refused:
        services.answer_consultation(
            consultation=consultation,
            user=member,
            answers={consultation.questions.first().pk: ("Agree", "")},
        )
    assert refused.value.status == 409
    assert answer(client, consultation, "Agree", "Agree").status_code == 409
    assert not Answer.objects.exists()


def test_a_choice_not_offered_is_refused_with_the_error_summary(client, consultation, member):
    response = answer(client, consultation, "Strongly agree", "Agree")

    assert response.status_code == 400
    first = consultation.questions.get(position=1)
    assert error_summary(response) == [
        (f"#id_choice_{first.pk}_0", "Choose one of the answers offered to question 1.")
    ]
    assert not Answer.objects.exists()


def test_a_missing_answer_and_a_too_long_comment_are_refused(client, consultation, member):
    data = answers_form(consultation, "Agree", "Agree", comments=["x" * 2001])
    del data[f"choice_{consultation.questions.get(position=2).pk}"]

    response = client.post(answer_url(consultation), data)

    assert response.status_code == 400
    messages = [text for _href, text in error_summary(response)]
    assert "Choose an answer to question 2." in messages
    assert any("at most" in text or "2,000 characters or fewer" in text for text in messages)
    assert not Answer.objects.exists()


def test_a_question_of_another_consultation_is_refused(consultation):
    other = ConsultationFactory().questions.first()
    with pytest.raises(services.Refused) as refused:
        services.answer_consultation(
            consultation=consultation, user=MemberFactory(), answers={other.pk: ("Agree", "")}
        )
    assert refused.value.status == 400


def test_a_forged_post_for_another_partner_changes_only_ones_own_answers(
    client, consultation, member
):
    other = MemberFactory()
    theirs = AnswerFactory(question=consultation.questions.first(), user=other, choice="Agree")
    data = answers_form(consultation, "Disagree", "Disagree")
    data |= {"user": other.pk, "user_id": other.pk, "organisation": other.membership.pk}

    client.post(answer_url(consultation), data)

    theirs.refresh_from_db()
    assert theirs.choice == "Agree"
    mine = Answer.objects.filter(user=member)
    assert mine.count() == 2
    assert {a.organisation for a in mine} == {member.membership.organisation}


def test_an_account_of_no_partner_sees_the_tally_but_cannot_answer(client, consultation):
    AnswerFactory(question=consultation.questions.first())
    client.force_login(UserFactory())

    page = client.get(consultation.get_absolute_url())
    assert page.status_code == 200
    assert page.context["answer_form"] is None
    assert "Only accounts that belong to a partner organisation can answer" in body(page)
    assert page.context["tallies"][0].total == 1

    response = answer(client, consultation, "Agree", "Agree")
    assert response.status_code == 403
    assert Answer.objects.count() == 1


def test_the_public_sees_the_tally_and_is_asked_to_sign_in(client, consultation):
    page = client.get(consultation.get_absolute_url())
    assert "Sign in</a> with your partner account to answer" in body(page)
    assert "Views so far" in body(page)

    response = answer(client, consultation, "Agree", "Agree")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Answer.objects.exists()


def test_a_suspended_partner_cannot_answer(client, consultation, member):
    from forums.models import Suspension

    Suspension.objects.create(user=member, reason="Abuse")

    assert answer(client, consultation, "Agree", "Agree").status_code == 403
    assert not Answer.objects.exists()


# -- opening --------------------------------------------------------------------------------


def new_url(forum):
    return reverse("forums:new_consultation", args=[forum.slug])


def opening(**extra):
    closes = timezone.localdate() + datetime.timedelta(days=10)
    return {
        "subject": "Shared gazetteer?",
        "body": "Should we share one address gazetteer?",
        "closes_on": closes.strftime("%d/%m/%Y"),
        "question_1": "Should we?",
        "question_2": "When?",
        "choices_2": "This year\nNext year\n\nNext year\nNever",
        **extra,
    }


def test_a_moderator_of_the_forum_opens_a_consultation(client, forum):
    moderator = MemberFactory()
    forum.moderators.add(moderator)
    client.force_login(moderator)
    assert client.get(new_url(forum)).status_code == 200

    response = client.post(new_url(forum), opening())

    topic = Topic.objects.get(subject="Shared gazetteer?")
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    consultation = topic.consultation
    assert consultation.opened_by == moderator
    assert timezone.localtime(consultation.closes_at).date() == (
        timezone.localdate() + datetime.timedelta(days=10)
    )
    assert list(consultation.questions.values_list("text", "choices")) == [
        ("Should we?", ["Agree", "Partly agree", "Disagree", "Don't know"]),
        ("When?", ["This year", "Next year", "Never"]),
    ]
    assert topic.posts.get().body == "Should we share one address gazetteer?"


def test_the_moderator_role_and_the_steering_group_open_consultations_anywhere(client, forum):
    moderator = MemberFactory()
    moderator.groups.add(Role.objects.get(name=MODERATOR))
    for opener in (moderator, SteeringMemberFactory()):
        client.force_login(opener)
        subject = f"Asked by {opener.username}"
        assert client.post(new_url(forum), opening(subject=subject)).status_code == 302
        assert Consultation.objects.filter(topic__subject=subject, opened_by=opener).exists()


def test_others_are_refused_with_403(client, forum):
    client.force_login(MemberFactory())
    assert client.get(new_url(forum)).status_code == 403
    assert client.post(new_url(forum), opening()).status_code == 403
    moderator_elsewhere = MemberFactory()
    ForumFactory().moderators.add(moderator_elsewhere)
    client.force_login(moderator_elsewhere)
    assert client.post(new_url(forum), opening()).status_code == 403
    assert not Topic.objects.filter(forum=forum).exists()
    assert not Consultation.objects.exists()


def test_a_double_submit_opens_one_consultation(client, forum):
    client.force_login(SteeringMemberFactory())
    data = opening(submission_key="4f1c3a52-9d7e-4b0a-8f7e-0c6a2b1d9e11")
    client.post(new_url(forum), data)
    client.post(new_url(forum), data)

    assert Consultation.objects.count() == 1
    assert Question.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"question_1": "", "question_2": "", "choices_2": ""}, "question_1", "Ask at least one"),
        ({"closes_on": "01/01/2001"}, "closes_on", "today or later"),
        ({"closes_on": "soon"}, "closes_on", "as a date"),
        ({"choices_2": "Only one"}, "choices_2", "at least two answers"),
        ({"choices_2": "x" * 61 + "\nNo"}, "choices_2", "60 characters or fewer"),
        ({"question_2": "", "question_3": "", "choices_3": "A\nB"}, "question_3", "remove its"),
    ],
)
def test_a_bad_consultation_is_refused_with_the_error_summary(
    client, forum, changes, field, message
):
    client.force_login(SteeringMemberFactory())

    response = client.post(new_url(forum), opening(**changes))

    assert response.status_code == 400
    links = error_summary(response)
    assert any(href == f"#id_{field}" and message in text for href, text in links), links
    assert not Consultation.objects.exists()


# -- the summary of views and the results -----------------------------------------------------


def test_the_summary_of_views_is_written_after_closing(client, forum):
    moderator = MemberFactory()
    forum.moderators.add(moderator)
    client.force_login(moderator)
    consultation = ConsultationFactory(topic__forum=forum)
    topic = consultation.topic
    url = reverse("forums:record_decision", args=[forum.slug, topic.pk])

    assert client.get(topic.get_absolute_url()).context["decision_form"] is None
    refused = client.post(url, {"decision": "Too early."}, follow=True)
    assert "written once the consultation closes" in body(refused)
    topic.refresh_from_db()
    assert topic.decision == ""

    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.post(url, {"decision": "Most partners **agree**."})

    assert response.status_code == 302
    page = body(client.get(topic.get_absolute_url()))
    assert "Summary of views" in page and "<strong>agree</strong>" in page


def test_the_results_csv_names_organisations_and_sectors_never_people(client, consultation):
    partner = organisation("police", None)
    writer = MemberFactory(
        organisation=partner, email="pc.smith@police.example", first_name="Pat", last_name="Smith"
    )
    AnswerFactory(
        question=consultation.questions.get(position=1),
        user=writer,
        choice="Disagree",
        comment="=cmd|' /C calc'!A0",
    )

    response = client.get(
        reverse(
            "forums:consultation_results",
            args=[consultation.topic.forum.slug, consultation.topic.pk],
        )
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = body(response)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "question_number",
        "question",
        "answer",
        "organisation",
        "sector",
        "sub_region",
        "comment",
        "answered",
    ]
    assert rows[0]["organisation"] == partner.name
    assert rows[0]["sector"] == "Police"
    assert rows[0]["answer"] == "Disagree"
    assert rows[0]["comment"].startswith("'=")  # safe to open in a spreadsheet
    assert rows[0]["answered"] == timezone.localdate().isoformat()
    for personal in ("pc.smith@police.example", "Pat", "Smith", writer.username, "@"):
        assert personal not in text


def test_a_partners_only_consultation_is_hidden_from_the_public(client):
    private = ConsultationFactory(topic__forum=ForumFactory(visibility=Visibility.PARTNERS))
    topic = private.topic

    page = client.get(reverse("forums:consultations"))
    assert topic.subject not in body(page)
    csv_url = reverse("forums:consultation_results", args=[topic.forum.slug, topic.pk])
    assert client.get(csv_url).status_code == 302  # sent to sign in
    client.force_login(UserFactory())
    assert client.get(csv_url).status_code == 404
    client.force_login(MemberFactory())
    assert topic.subject in body(client.get(reverse("forums:consultations")))


# -- the list, the home page, queries and caches ---------------------------------------------


def test_the_list_shows_open_consultations_soonest_closing_first_then_closed(client, forum):
    now = timezone.now()
    later = ConsultationFactory(topic__forum=forum, closes_at=now + datetime.timedelta(days=20))
    sooner = ConsultationFactory(topic__forum=forum, closes_at=now + datetime.timedelta(days=2))
    long_closed = ClosedConsultationFactory(
        topic__forum=forum, closes_at=now - datetime.timedelta(days=90)
    )
    just_closed = ClosedConsultationFactory(
        topic__forum=forum, closes_at=now - datetime.timedelta(days=1)
    )

    response = client.get(reverse("forums:consultations"))

    assert list(response.context["open_consultations"]) == [sooner, later]
    assert list(response.context["closed_consultations"]) == [just_closed, long_closed]
    page = body(response)
    order = [page.index(c.topic.subject) for c in (sooner, later, just_closed, long_closed)]
    assert order == sorted(order)
    closing = timezone.localtime(sooner.closes_at)
    assert f"Closes {closing:%-d %B %Y, %H:%M}" in page


def test_the_home_page_shows_open_consultations_with_their_closing_dates(client, forum):
    open_one = ConsultationFactory(topic__forum=forum, topic__subject="Open question")
    ClosedConsultationFactory(topic__forum=forum, topic__subject="Settled question")
    ConsultationFactory(
        topic__forum=ForumFactory(visibility=Visibility.PARTNERS), topic__subject="Private one"
    )

    page = body(client.get("/"))
    section = page[page.index("Open consultations") : page.index("Active in the forums")]

    assert "Open question" in section
    assert f"closes {timezone.localtime(open_one.closes_at):%-d %B %Y}" in section
    assert "Settled question" not in section
    assert "Private one" not in page


def test_the_topic_page_costs_the_same_queries_however_many_answers(client, forum, member):
    consultation = ConsultationFactory(topic__forum=forum, questions=["One?", "Two?", "Three?"])
    url = consultation.get_absolute_url()
    client.get(url)  # the first visit records the reading
    few = query_count(client, url)
    for number in range(12):
        partner = organisation(
            ["nhs", "police", "housing"][number % 3], ["east", "west"][number % 2]
        )
        user = MemberFactory(organisation=partner)
        for question in consultation.questions.all():
            AnswerFactory(question=question, user=user, comment=f"Comment {number}")
    AnswerFactory(question=consultation.questions.first(), user=member)

    many = query_count(client, url)

    assert many == few <= 22  # a member's page of a plain topic costs 17
    public = Client(HTTP_X_FORWARDED_PROTO="https")
    assert query_count(public, url) <= 8


def test_the_list_costs_the_same_queries_however_many_consultations(client, forum):
    ConsultationFactory(topic__forum=forum)
    few = query_count(client, reverse("forums:consultations"))
    for _ in range(5):
        AnswerFactory(question=ConsultationFactory(topic__forum=forum).questions.first())
        ClosedConsultationFactory(topic__forum=forum)

    assert query_count(client, reverse("forums:consultations")) == few <= 2


def test_a_new_answer_shows_at_once_to_the_public_through_the_page_cache(
    settings, consultation, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    public = Client(HTTP_X_FORWARDED_PROTO="https")
    url = consultation.get_absolute_url()
    assert public.get(url).context["tallies"][0].total == 0
    assert public.get(url)["X-Page-Cache"] == "hit"

    partner = Client(HTTP_X_FORWARDED_PROTO="https")
    partner.force_login(MemberFactory())
    with django_capture_on_commit_callbacks(execute=True):
        assert answer(partner, consultation, "Agree", "Agree").status_code == 302

    response = public.get(url)
    assert "X-Page-Cache" not in response  # not the page kept before the answer
    assert response.context["tallies"][0].total == 1


def test_each_partner_gets_their_own_answer_form(settings, consultation):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SHARED_PAGE_CACHE_SECONDS = 3600
    first, second = MemberFactory(), MemberFactory()
    AnswerFactory(question=consultation.questions.first(), user=first, choice="Disagree")
    url = consultation.get_absolute_url()

    pages = {}
    for user in (first, second, None):
        visitor = Client(HTTP_X_FORWARDED_PROTO="https")
        if user:
            visitor.force_login(user)
        visitor.get(url)
        pages[user] = body(visitor.get(url))

    assert 'value="Disagree" checked' in pages[first]
    assert " checked" not in pages[second]
    assert "Send your answers" in pages[second] and "Change your answers" in pages[first]
    assert "csrfmiddlewaretoken" not in pages[None]


def test_a_forum_slug_cannot_take_the_consultations_address():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        ForumFactory.build(name="Consultations", slug="consultations").full_clean()


def test_the_consultation_pages_answer_with_one_h1(client, forum):
    from tests.test_crawl import h1_count

    open_one = ConsultationFactory(topic__forum=forum)
    AnswerFactory(question=open_one.questions.first(), comment="A view.")
    closed = ClosedConsultationFactory(topic__forum=forum)
    client.force_login(SteeringMemberFactory())
    for url in (
        reverse("forums:consultations"),
        open_one.get_absolute_url(),
        closed.get_absolute_url(),
        new_url(forum),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1_count(response) == 1, url


def test_the_list_of_consultations_is_in_the_sitemap(client):
    from defusedxml import ElementTree

    response = client.get("/sitemap-pages.xml")
    root = ElementTree.fromstring(response.content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = [node.text for node in root.iterfind(".//s:loc", namespace)]

    assert any(path.endswith("/forums/consultations/") for path in paths)


def test_consultation_addresses_of_a_plain_topic_or_a_wrong_method_are_not_a_500(
    client, forum, member
):
    from tests.factories import TopicFactory

    plain = TopicFactory(forum=forum)
    consultation = ConsultationFactory(topic__forum=forum)

    csv_url = reverse("forums:consultation_results", args=[forum.slug, plain.pk])
    assert client.get(csv_url).status_code == 404
    assert client.post(reverse("forums:answer", args=[forum.slug, plain.pk])).status_code == 404
    assert client.get(answer_url(consultation)).status_code == 405
    assert client.post(answer_url(consultation), {"choice_x": "Agree"}).status_code == 400
    assert client.get(f"/forums/{forum.slug}/999999/results.csv").status_code == 404
