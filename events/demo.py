"""The events register's demo data, loaded by ``manage.py load_demo`` through the declaration
in ``EventsConfig.demo_loader`` (so that command need not know this register).

The events the strategy plans: the annual London e-Government Conference (this year's, in May,
with its papers and how many came), London-wide workshops for NHS and local authority
colleagues on connectivity, security and information sharing, a seminar on community web
sites run with Communities Online, meetings with partner organisations, and a webinar. Past
ones have papers from the demo papers library and attendance; upcoming ones are dated from
today (so the demo always has some) and are booked by the demo accounts, one of them full with
a waiting list; one meeting is for partners only.

Looked up by natural keys (an event's title, a booking's event and user): a second run on the
same day writes nothing (on a later day the upcoming events move with today, as the demo
funding deadlines do).
"""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils import timezone

from papers.models import Paper
from partners.models import Group, SubRegion
from registers.models import PublicationStatus

from .models import Audience, Booking, BookingStatus, Event, EventKind

LONDON = zoneinfo.ZoneInfo("Europe/London")
BOOKED, WAITING = BookingStatus.BOOKED, BookingStatus.WAITING
CITY_HALL = ("City Hall", "Kamal Chunchie Way, London E16 1ZE")
LONDON_COUNCILS = ("London Councils, Conference Suite", "59½ Southwark Street, London SE1 0AL")
TOYNBEE_HALL = ("Toynbee Hall, Ashbee Hall", "28 Commercial Street, London E1 6LS")
GUILDHALL = ("Guildhall, Committee Room 2", "Gresham Street, London EC2V 7HH")

# "date" is a fixed day (a past event); "in_days" counts from today (an upcoming one, moved
# off a weekend). Times are London wall-clock times.
EVENTS = [
    {
        "title": "London e-Government Conference 2026",
        "kind": EventKind.CONFERENCE,
        "organiser": "londonconnects",
        "group": "londonconnects-steering-group",
        "date": "2026-05-21",
        "times": ("09:30", "17:00"),
        "venue": CITY_HALL,
        "capacity": 300,
        "attended": 246,
        "summary": "The annual conference built on the review of e-activity in London: what "
        "the partners did together last year, and what they plan for the next.",
        "description": """
            The steering group presents the annual review of e-activity in London, and
            partners from the boroughs, the NHS, the police, housing and the voluntary sector
            show the joint work behind its figures.

            Afternoon sessions cover sharing information about children at risk, digital
            exclusion among Londoners, and how boroughs prepare for a cyber attack.
        """,
        "themes": ["information sharing", "social inclusion", "secure networks"],
        "sub_regions": ["central", "east", "north", "south", "west"],
        "papers": [
            "Digital exclusion in London: a survey of residents, 2025",
            "North London children's social care data sharing: outline business case",
            "Responding to a cyber attack: guidance for London boroughs",
        ],
    },
    {
        "title": "NHS connectivity and security: a workshop for NHS and borough colleagues",
        "kind": EventKind.WORKSHOP,
        "organiser": "nhs-executive-london",
        "group": "london-nhs-local-authority-information-sharing-group",
        "date": "2026-02-11",
        "times": ("10:00", "16:00"),
        "venue": LONDON_COUNCILS,
        "capacity": 40,
        "attended": 37,
        "summary": "How boroughs connect securely to the NHS network: the connection "
        "standards, the security each side must show, and what a shared bid would pay for.",
        "description": """
            For ICT managers in London boroughs and NHS trusts. The morning goes through the
            code of connection and the security checks each side must pass; the afternoon
            looks at the West London boroughs' shared secure network as a worked example, and
            at the case for one bid to connect all 33 authorities.
        """,
        "themes": ["secure networks"],
        "sub_regions": ["central", "east", "north", "south", "west"],
        "papers": ["West London Alliance secure network: business case"],
    },
    {
        "title": "Sharing information safely: protocols for health and social care",
        "kind": EventKind.WORKSHOP,
        "organiser": "nhs-executive-london",
        "group": "london-nhs-local-authority-information-sharing-group",
        "date": "2026-03-18",
        "times": ("10:00", "15:30"),
        "venue": GUILDHALL,
        "capacity": 45,
        "attended": 41,
        "summary": "A London-wide workshop on information-sharing arrangements and protocols "
        "between NHS bodies and councils, drawing on national good practice.",
        "description": """
            Caldicott guardians, data protection officers and social care managers work
            through the London protocol for health and social care, and hear how the north
            London boroughs agreed to share case records when a family known to children's
            social care moves between them.
        """,
        "themes": ["information sharing"],
        "sub_regions": ["central", "east", "north", "south", "west"],
        "papers": [
            "Information sharing protocol for health and social care in London",
            "North London children's social care data sharing: outline business case",
        ],
    },
    {
        "title": "Cyber security for boroughs: lessons from the exercises",
        "kind": EventKind.WORKSHOP,
        "organiser": "hackney",
        "group": None,
        "date": "2025-07-09",
        "times": ("13:30", "17:00"),
        "venue": TOYNBEE_HALL,
        "capacity": 60,
        "attended": 52,
        "summary": "Boroughs that lived through a cyber attack, and those that rehearsed one, "
        "on what they would do differently.",
        "description": """
            Launching the guidance written from the boroughs' shared exercises: preparing
            backups and contacts, the first 72 hours, and telling residents what is happening.
        """,
        "themes": ["secure networks"],
        "sub_regions": ["east", "central"],
        "papers": ["Responding to a cyber attack: guidance for London boroughs"],
    },
    {
        "title": "Community web sites in London: a London-wide seminar with Communities Online",
        "kind": EventKind.SEMINAR,
        "organiser": "communities-online",
        "group": "london-community-web-sites-network",
        "in_days": 17,
        "times": ("10:00", "16:30"),
        "venue": TOYNBEE_HALL,
        "capacity": 80,
        "booking_opens_in_days": -30,
        "summary": "What London's local community web sites do well, how to spread it, and the "
        "funding open to community groups for their online work.",
        "description": """
            Run with Communities Online after the study of local community web sites in
            London. Community groups, voluntary sector networks and borough officers share
            what works, and funders explain what they will pay for.
        """,
        "themes": ["community web sites", "social inclusion"],
        "sub_regions": ["central", "east", "north", "south", "west"],
        "bookings": [("newham.officer", BOOKED), ("moderator", BOOKED), ("editor", BOOKED)],
    },
    {
        "title": "Information sharing in practice: consent and the shared care record",
        "kind": EventKind.WORKSHOP,
        "organiser": "nhs-executive-london",
        "group": "london-nhs-local-authority-information-sharing-group",
        "in_days": 45,
        "times": ("10:00", "13:00"),
        "venue": LONDON_COUNCILS,
        "capacity": 30,
        "booking_opens_in_days": -21,
        "booking_closes_days_before": 7,
        "summary": "A follow-up workshop for NHS and council staff who share care records: "
        "recording consent, and what the record may show to whom.",
        "description": """
            Worked cases from the boroughs and trusts that now share a care record, on
            consent, objections and access by role.
        """,
        "themes": ["information sharing"],
        "sub_regions": ["north", "central"],
        "bookings": [("hackney.officer", BOOKED)],
    },
    {
        "title": "Cyber attack tabletop exercise for boroughs and the NHS",
        "kind": EventKind.WORKSHOP,
        "organiser": "hackney",
        "group": None,
        "in_days": 15,
        "times": ("09:30", "12:30"),
        "venue": GUILDHALL,
        "capacity": 3,
        "booking_opens_in_days": -20,
        "summary": "A morning's exercise round one table: a borough's systems are locked by "
        "ransomware and the NHS needs its social care data. Three places.",
        "description": """
            One team works through the first 72 hours with the playbook, taking the
            decisions a borough's incident team would. Kept to three places so that
            everybody plays; people on the waiting list are offered a place in turn if
            someone cancels, and the exercise will be run again.
        """,
        "themes": ["secure networks", "information sharing"],
        "sub_regions": ["east"],
        "bookings": [
            ("hackney.officer", BOOKED),
            ("editor", BOOKED),
            ("steering", BOOKED),
            ("moderator", WAITING),
        ],
    },
    {
        "title": "Consultation meeting with partners: the London Public Services Network",
        "kind": EventKind.MEETING,
        "organiser": "londonconnects",
        "group": "londonconnects-steering-group",
        "in_days": 9,
        "times": ("14:00", "16:00"),
        "venue": LONDON_COUNCILS,
        "capacity": 25,
        "audience": Audience.PARTNERS,
        "summary": "One of the meetings with partner organisations on the draft strategy: the "
        "network's benefits for information flows, and shared security and encryption.",
        "description": """
            For partner organisations' officers only. The steering group asks partners what
            the proposed London Public Services Network must carry between them, which
            security and encryption standards they could share, and where joint work is
            missing.
        """,
        "themes": ["secure networks", "information sharing"],
        "sub_regions": ["central", "east", "north", "south", "west"],
        "bookings": [("newham.officer", BOOKED), ("steering", BOOKED)],
    },
    {
        "title": "Webinar: shared approaches to e-training",
        "kind": EventKind.WEBINAR,
        "organiser": "londonconnects",
        "group": None,
        "in_days": 38,
        "times": ("12:30", "13:30"),
        "online": "https://meet.example.org/londonconnects/e-training",
        "summary": "An hour online on the e-training needs partners have in common, and how "
        "they could meet them together.",
        "description": """
            Partners describe the e-learning they already buy or build for their staff, and
            the steering group proposes a shared catalogue. Join from a browser: the link is
            sent to those who book.
        """,
        "themes": ["e-learning"],
        "sub_regions": [],
        "bookings": [("moderator", BOOKED)],
    },
]


def prose(text: str) -> str:
    paragraphs = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def check_data() -> list[str]:
    problems = []
    titles = [item["title"] for item in EVENTS]
    if len(set(titles)) != len(titles):
        problems.append("an event title appears twice")
    for item in EVENTS:
        title, bookings = item["title"], item.get("bookings", [])
        if ("date" in item) == ("in_days" in item):
            problems.append(f"{title}: give either a date or a number of days from today")
        if "date" in item and bookings:
            problems.append(f"{title}: bookings only on upcoming events")
        if "in_days" in item and (item.get("attended") or item.get("papers")):
            problems.append(f"{title}: attendance and papers only after the event")
        if not item.get("online") and not item.get("venue"):
            problems.append(f"{title}: needs a venue or a joining link")
        users = [username for username, _status in bookings]
        if len(set(users)) != len(users):
            problems.append(f"{title}: someone books twice")
        booked = sum(status == BOOKED for _user, status in bookings)
        capacity = item.get("capacity")
        if capacity is not None and booked > capacity:
            problems.append(f"{title}: more booked than places")
        if any(status == WAITING for _user, status in bookings) and booked != capacity:
            problems.append(f"{title}: a waiting list while places are free")
    return problems


def london(day: datetime.date, hour_minute: str) -> datetime.datetime:
    hour, minute = (int(part) for part in hour_minute.split(":"))
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def weekday_from(day: datetime.date) -> datetime.date:
    """The day itself, or the Monday after it if it falls at a weekend."""
    return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def load_events(command) -> None:
    """Load the demo events and their bookings with ``command``'s helpers (load_demo's)."""
    if problems := check_data():
        raise CommandError("The demo events are inconsistent:\n  " + "\n  ".join(problems))
    today = timezone.localdate()
    papers = {paper.title: paper for paper in Paper.objects.defer("full_text", "public_text")}
    groups = Group.objects.in_bulk(field_name="slug")
    sub_regions = SubRegion.objects.in_bulk(field_name="slug")
    users = (
        get_user_model()
        .objects.select_related("membership__organisation")
        .in_bulk(
            [username for item in EVENTS for username, _status in item.get("bookings", [])],
            field_name="username",
        )
    )
    for item in EVENTS:
        title = item["title"]
        if "date" in item:
            day = datetime.date.fromisoformat(item["date"])
        else:
            day = weekday_from(today + datetime.timedelta(days=item["in_days"]))
        starts_at, ends_at = (london(day, time) for time in item["times"])
        opens_in = item.get("booking_opens_in_days")
        closes_before = item.get("booking_closes_days_before")
        venue, address = item.get("venue", ("", ""))
        missing = [name for name in item.get("papers", []) if name not in papers]
        if missing:
            raise CommandError(f"{title}: no demo paper {missing[0]!r}")
        event = command.upsert(
            "events",
            Event,
            {"title": title},  # the model makes the slug from the title
            {
                "kind": item["kind"],
                "summary": item["summary"],
                "description": prose(item["description"]),
                "organiser": command.organisation(item["organiser"]),
                "group": command.lookup(groups, item["group"], "group"),
                "starts_at": starts_at,
                "ends_at": ends_at,
                "online": bool(item.get("online")),
                "venue": venue,
                "address": address,
                "joining_url": item.get("online", ""),
                "capacity": item.get("capacity"),
                "booking_opens_at": None
                if opens_in is None
                else london(today + datetime.timedelta(days=opens_in), "09:00"),
                "booking_closes_at": None
                if closes_before is None
                else london(day - datetime.timedelta(days=closes_before), "17:00"),
                "audience": item.get("audience", Audience.PUBLIC),
                "attended": item.get("attended"),
                "publication_status": PublicationStatus.PUBLISHED,
            },
        )
        if {tag.name for tag in event.tags.all()} != set(item["themes"]):
            event.tags.set(item["themes"])
            command.count("event themes", "changed")
        command.set_related(
            "event sub-region lists",
            event.sub_regions,
            [command.lookup(sub_regions, slug, "sub-region") for slug in item["sub_regions"]],
        )
        command.set_related(
            "event paper lists", event.papers, [papers[name] for name in item.get("papers", [])]
        )
        load_bookings(command, event, item.get("bookings", []), users, today)


def load_bookings(command, event, bookings, users, today) -> None:
    """The demo accounts' places, in the order listed: an hour apart, from a week ago (before
    now, and after booking opened)."""
    first = london(today - datetime.timedelta(days=7), "09:00")
    for number, (username, status) in enumerate(bookings):
        user = users.get(username)
        if user is None:
            raise CommandError(f"{event.title}: no demo account {username!r}")
        membership = getattr(user, "membership", None)
        command.upsert(
            "event bookings",
            Booking,
            {"event": event, "user": user},
            {
                "status": status,
                "organisation": membership.organisation if membership else None,
                "created_at": first + datetime.timedelta(hours=number),
            },
        )
