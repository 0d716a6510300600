"""The forums' demo consultations, loaded by ``manage.py load_demo`` through the declaration
in ``ForumsConfig.demo_loader``, after the demo forums and accounts.

One consultation open (closing three weeks after it is first loaded) and one closed a month
before, with its summary of views; both answered by partners from several sectors and
sub-regions. Looked up by natural keys (a topic's forum and subject, an answer's question and
account): a second run writes nothing new.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils import timezone

from partners.models import Membership, Organisation

from . import services
from .models import Answer, Consultation, Forum, Question, Topic

AGREE, PARTLY, DISAGREE, DONT_KNOW = "Agree", "Partly agree", "Disagree", "Don't know"

# Accounts that answer besides the demo's own (who can sign in): one per organisation, with
# no password, so that the tally spans sectors and sub-regions.
RESPONDENTS = {
    "respondent.camden": "camden",
    "respondent.croydon": "croydon",
    "respondent.ealing": "ealing",
    "respondent.nhs": "nhs-executive-london",
    "respondent.police": "metropolitan-police",
    "respondent.peabody": "peabody-trust",
    "respondent.uel": "university-of-east-london",
    "respondent.bt": "bt",
}

CONSULTATIONS = [
    {
        "forum": "smart-cards",
        "subject": "Consultation: one smart card standard for London's public services",
        "body": "The steering group proposes that every partner issuing a citizen card adopts "
        "one London-wide specification, so that a resident's card opens council, transport "
        "and health services alike. Tell us where your organisation stands.",
        "opened_by": "steering",
        "closes_in_days": 21,
        "questions": [
            ("Should every partner's citizen card follow one London-wide standard?", None),
            ("Should the card carry proof of concessionary travel?", None),
            (
                "When could your organisation adopt the standard?",
                ["Within a year", "In one to three years", "Not before 2030", "Never"],
            ),
        ],
        "answers": {
            "newham.officer": [
                (AGREE, "We issue 40,000 cards a year and would switch at renewal."),
                (AGREE, ""),
                ("Within a year", ""),
            ],
            "hackney.officer": [
                (PARTLY, "Only if the readers are funded."),
                (AGREE, ""),
                ("In one to three years", ""),
            ],
            "respondent.camden": [(AGREE, ""), (PARTLY, ""), ("Within a year", "")],
            "respondent.croydon": [
                (DISAGREE, "Our scheme is shared with Surrey."),
                (DONT_KNOW, ""),
                ("Never", ""),
            ],
            "respondent.nhs": [
                (PARTLY, "Patient identity must stay separate from council records."),
                (DISAGREE, ""),
                ("Not before 2030", ""),
            ],
            "respondent.police": [(DONT_KNOW, ""), (DONT_KNOW, ""), ("Not before 2030", "")],
            "respondent.peabody": [
                (AGREE, "Tenants already ask for one card."),
                (AGREE, ""),
                ("In one to three years", ""),
            ],
        },
    },
    {
        "forum": "e-democracy",
        "subject": "Consultation: webcasting council and partnership meetings",
        "body": "Several boroughs webcast their council meetings. Should partners webcast "
        "their public meetings too, and who should host the recordings?",
        "opened_by": "moderator",
        "opened_days_ago": 60,
        "closed_days_ago": 30,
        "questions": [
            ("Should public meetings of partners be webcast live?", None),
            ("Should LondonConnects host the recordings for small partners?", None),
        ],
        "answers": {
            "newham.officer": [(AGREE, "Our webcasts doubled attendance."), (AGREE, "")],
            "respondent.ealing": [(AGREE, ""), (PARTLY, "Only with captions.")],
            "respondent.uel": [
                (PARTLY, "Students would watch recordings rather than live."),
                (AGREE, ""),
            ],
            "respondent.bt": [(AGREE, ""), (DISAGREE, "A commercial host would be cheaper.")],
            "steering": [(PARTLY, ""), (AGREE, "")],
            "respondent.police": [
                (DISAGREE, "Operational meetings cannot be public."),
                (DONT_KNOW, ""),
            ],
        },
        "summary": "Most partners who answered support webcasting public meetings live, with "
        "captions; the police and some health bodies cannot webcast operational meetings. A "
        "majority want LondonConnects to host recordings for small partners: the steering "
        "group will cost a shared service.",
    },
]


def load_consultations(command) -> None:
    users = _respondents(command)
    forums = Forum.objects.in_bulk(field_name="slug")
    now = timezone.now()
    for item in CONSULTATIONS:
        forum = forums.get(item["forum"])
        if forum is None:
            raise CommandError(f"No demo forum {item['forum']!r}: load the forums first.")
        consultation = _consultation(command, forum, item, users, now)
        questions = list(consultation.questions.order_by("position"))
        # From the stored consultation, so that a rerun finds the same answers: a closed
        # one answered a few days after it opened, an open one as it opened.
        answered_at = consultation.created_at + (
            timedelta(days=5) if consultation.closes_at <= now else timedelta()
        )
        for username, answers in item["answers"].items():
            user = users[username]
            for question, (choice, comment) in zip(questions, answers, strict=True):
                command.upsert(
                    "consultation answers",
                    Answer,
                    {"question": question, "user": user},
                    {
                        "organisation": user.membership.organisation,
                        "choice": choice,
                        "comment": comment,
                        "created_at": answered_at,
                        "updated_at": answered_at,
                    },
                )
        if item.get("summary") and not consultation.topic.decision:
            services.record_decision(
                topic=consultation.topic,
                moderator=users[item["opened_by"]],
                decision=item["summary"],
            )
            command.count("consultation summaries", "written")


def _respondents(command) -> dict:
    user_model = get_user_model()
    for username, slug in RESPONDENTS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"No organisation {slug!r} for the demo consultations.")
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": "Demo", "last_name": f"respondent ({organisation.name})"},
        )
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, defaults={"organisation": organisation})
        command.count("consultation respondents", "created" if created else "unchanged")
    return {
        user.username: user
        for user in user_model.objects.select_related("membership__organisation")
    }


def _consultation(command, forum, item, users, now) -> Consultation:
    topic = Topic.objects.filter(forum=forum, subject=item["subject"]).first()
    if topic is not None:
        consultation = Consultation.objects.filter(topic=topic).first()
        if consultation is None:
            raise CommandError(f"The demo topic {item['subject']!r} is not a consultation.")
        command.count("consultations", "unchanged")
        return consultation
    author = users[item["opened_by"]]
    topic = services.start_topic(
        forum=forum, author=author, subject=item["subject"], body=item["body"]
    )
    if "closed_days_ago" in item:
        opened_at = now - timedelta(days=item["opened_days_ago"])
        closes_at = now - timedelta(days=item["closed_days_ago"])
        Topic.objects.filter(pk=topic.pk).update(created_at=opened_at)
        topic.posts.update(created_at=opened_at)
        services.refresh_counts(topic)
    else:
        opened_at = now
        # As the form sets it: the end of the closing day, London time.
        closing_day = timezone.localdate(now) + timedelta(days=item["closes_in_days"])
        closes_at = timezone.make_aware(datetime.combine(closing_day, time(23, 59, 59)))
    consultation = Consultation.objects.create(
        topic=topic, closes_at=closes_at, opened_by=author, created_at=opened_at
    )
    for position, (text, choices) in enumerate(item["questions"], start=1):
        Question.objects.create(
            consultation=consultation,
            position=position,
            text=text,
            **({"choices": choices} if choices else {}),
        )
    command.count("consultations", "created")
    return consultation
