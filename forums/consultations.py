"""What a consultation's topic shows and hands out: each question's tally by sector and by
sub-region, the comments grouped by answer, and the results as CSV.

Each is one query for the whole consultation, whatever the number of questions and answers,
so the topic's page costs a fixed number of queries. Answers say which organisation and
sector they come from, never who wrote them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.utils import timezone

from registers.charts import bar_chart
from registers.exports import Column, export_response

from .models import Answer, Consultation, Question, Topic

NO_SUB_REGION = "London-wide (no sub-region)"


@dataclass
class TallyRow:
    name: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class QuestionTally:
    question: Question
    totals: list[int]
    by_sector: list[TallyRow]
    by_sub_region: list[TallyRow]
    comments: list[tuple[str, list[Answer]]] = field(default_factory=list)

    @property
    def choices(self) -> list[str]:
        return self.question.choices

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def chart(self):
        question = self.question
        return bar_chart(
            list(zip(self.choices, self.totals, strict=True)),
            title=f"Answers to question {question.position}",
            description=f"{question.text} {self.total} answers in all; "
            "the tables below give them by sector and by sub-region.",
            chart_id=f"question-{question.pk}-chart",
        )


def _rows(counts: dict[str, dict[str, int]], choices: list[str]) -> list[TallyRow]:
    return [
        TallyRow(name, [by_choice.get(choice, 0) for choice in choices])
        for name, by_choice in sorted(counts.items(), key=lambda item: item[0].casefold())
    ]


def tallies(consultation: Consultation, questions: list[Question]) -> list[QuestionTally]:
    """Each question's answers counted by choice, by sector and by sub-region, with its
    comments grouped by answer: two queries."""
    counted = (
        Answer.objects.filter(question__consultation=consultation)
        .order_by()
        .values(
            "question_id", "choice", "organisation__sector__name", "organisation__sub_region__name"
        )
        .annotate(n=Count("pk"))
    )
    by_sector = defaultdict(lambda: defaultdict(dict))
    by_sub_region = defaultdict(lambda: defaultdict(dict))
    for row in counted:
        sector = row["organisation__sector__name"]
        sub_region = row["organisation__sub_region__name"] or NO_SUB_REGION
        for table, name in ((by_sector, sector), (by_sub_region, sub_region)):
            cells = table[row["question_id"]][name]
            cells[row["choice"]] = cells.get(row["choice"], 0) + row["n"]
    commented = defaultdict(lambda: defaultdict(list))
    for answer in (
        Answer.objects.filter(question__consultation=consultation)
        .exclude(comment="")
        .select_related("organisation__sector")
        .order_by("created_at", "pk")
    ):
        commented[answer.question_id][answer.choice].append(answer)
    result = []
    for question in questions:
        sectors = _rows(by_sector[question.pk], question.choices)
        result.append(
            QuestionTally(
                question=question,
                totals=[
                    sum(row.counts[i] for row in sectors) for i in range(len(question.choices))
                ],
                by_sector=sectors,
                by_sub_region=_rows(by_sub_region[question.pk], question.choices),
                comments=[
                    (choice, commented[question.pk][choice])
                    for choice in question.choices
                    if commented[question.pk][choice]
                ],
            )
        )
    return result


# The results as CSV: what the contact register publishes of whoever answered (their
# organisation and its sector), never a name or an e-mail address.
RESULT_COLUMNS = [
    Column("question_number", lambda answer: answer.question.position, int),
    Column("question", lambda answer: answer.question.text),
    Column("answer", lambda answer: answer.choice),
    Column("organisation", lambda answer: answer.organisation.name),
    Column("sector", lambda answer: answer.organisation.sector.name),
    Column(
        "sub_region",
        lambda answer: (
            answer.organisation.sub_region.name if answer.organisation.sub_region_id else ""
        ),
    ),
    Column("comment", lambda answer: answer.comment),
    Column("answered", lambda answer: timezone.localdate(answer.updated_at)),
]


def results_csv(consultation: Consultation):
    answers = (
        Answer.objects.filter(question__consultation=consultation)
        .select_related("question", "organisation__sector", "organisation__sub_region")
        .order_by("question__position", "choice", "organisation__name", "pk")
    )
    return export_response(
        answers,
        RESULT_COLUMNS,
        fmt="csv",
        filename=f"consultation-{consultation.topic_id}-results",
    )


def home_lists(active_topics, open_consultations, limit: int):
    """The first ``limit`` of the home page's active topics (latest post first) and of its
    open consultations (soonest closing first), in one query: the home page has a fixed
    query budget (tests/test_home.py)."""
    active_ids = active_topics.order_by("-last_post_at", "-pk").values("pk")[:limit]
    consulted_ids = open_consultations.order_by("closes_at", "pk").values("topic_id")[:limit]
    rows = list(
        Topic.objects.filter(Q(pk__in=active_ids) | Q(pk__in=consulted_ids))
        .select_related("forum", "consultation")
        .annotate(
            is_active=ExpressionWrapper(Q(pk__in=active_ids), output_field=BooleanField()),
            is_consulting=ExpressionWrapper(Q(pk__in=consulted_ids), output_field=BooleanField()),
        )
    )
    topics = sorted(
        (topic for topic in rows if topic.is_active),
        key=lambda topic: (topic.last_post_at, topic.pk),
        reverse=True,
    )
    consultations = sorted(
        (topic.consultation for topic in rows if topic.is_consulting),
        key=lambda consultation: (consultation.closes_at, consultation.pk),
    )
    return topics, consultations
