"""Consultations: a forum topic with questions, and partners' answers."""

import datetime

import factory
from django.utils import timezone

from forums.models import DEFAULT_CHOICES, Answer, Consultation, Question
from tests.factories import MemberFactory, TopicFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    """An open consultation (closing in a fortnight) with two questions, unless told."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    topic = factory.SubFactory(TopicFactory, subject=factory.Sequence(lambda n: f"Consult {n}"))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    opened_by = factory.SelfAttribute("topic.author")

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if not create:
            return
        texts = extracted if extracted is not None else ["Do you agree?", "Should we share?"]
        for position, text in enumerate(texts, start=1):
            Question.objects.create(consultation=self, position=position, text=text)


class ClosedConsultationFactory(ConsultationFactory):
    closes_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.LazyFunction(lambda: ConsultationFactory().questions.first())
    user = factory.SubFactory(MemberFactory)
    organisation = factory.LazyAttribute(lambda answer: answer.user.membership.organisation)
    choice = DEFAULT_CHOICES[0]
