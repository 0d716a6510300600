"""The review's figures, compiled from the registers for one year.

Every count is made by the same queryset methods the registers' own year filters use
(``Project.objects.active_in``, ``FundingSource.objects.opens_in``, ...) and each comes with
the address of the register list that shows exactly the rows it counts, so that a reader can
check every number. Only published entries count: the public can see each of them.

The result is plain JSON: publishing stores it with the edition, and the page, the PDF, the
charts and the CSV are all drawn from it, so a published review never changes.
"""

from collections.abc import Iterable
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from eindex.models import Link
from eindex.models import Section as EindexSection
from events.filters import start_of_today
from events.models import Event, EventKind
from forums.models import Answer, Consultation, Forum, Post, Topic
from forums.models import Visibility as ForumVisibility
from funding.models import FundingSource, Origin
from jointwork.analysis import sectors_active_in
from papers.models import Paper, PaperKind
from partners.models import Group, Organisation, Sector, SubRegion
from products.models import Product, ProductKind
from projects.models import Partnership, Programme, Project
from registers.links import broken_before

from .models import Edition, Review

# The columns of the project tables: (title, ProjectQuerySet method, register filter).
PROJECT_MEASURES = (
    ("Started", "started_in"),
    ("Active", "active_in"),
    ("Completed", "completed_in"),
)

# The headline figures the comparison with the previous year reads, in order.
HEADLINES = (
    ("projects_started", "Projects started"),
    ("projects_active", "Projects active"),
    ("projects_completed", "Projects completed"),
    ("organisations_involved", "Organisations taking part in active projects"),
    ("cross_sector_projects", "Active projects joining two or more sectors"),
    ("funds_opened", "Funding sources opened"),
    ("funds_closing", "Funding sources closing"),
    ("papers_published", "Papers published"),
    ("topics_started", "Forum topics started"),
    ("posts_written", "Forum posts written"),
    ("eindex_links", "Links in the e-index"),
    ("events_held", "Events held"),
    ("event_attendance", "People attending events, where recorded"),
)

# The kinds of event the strategy plans London-wide: its workshops and seminars.
LONDON_WIDE_KINDS = (EventKind.WORKSHOP, EventKind.SEMINAR)


def events_link(year: int, **params) -> str:
    """The events list of the past events held in ``year`` (and ``params``)."""
    return link("events:list", when="past", held_in=year, **params)


def link(url_name: str, *args, **params) -> str:
    url = reverse(url_name, args=args)
    query = urlencode([(key, value) for key, value in params.items() if value is not None])
    return f"{url}?{query}" if query else url


def cell(value: int, href: str = "") -> dict:
    return {"value": value, "link": href}


def row(key: str, label: str, cells: list[dict]) -> dict:
    return {"key": key, "label": label, "cells": cells}


def table(
    key: str, title: str, row_heading: str, columns: list[str], rows: list[dict], note: str = ""
) -> dict:
    return {
        "key": key,
        "title": title,
        "row_heading": row_heading,
        "columns": columns,
        "rows": rows,
        "note": note,
    }


def counts_by(queryset, field: str) -> dict:
    """{value of ``field``: number of distinct rows} in one query."""
    rows = queryset.order_by().values(field).annotate(n=Count("pk", distinct=True))
    return {item[field]: item["n"] for item in rows}


class Compiler:
    def __init__(self, year: int):
        self.year = year
        self.projects = Project.objects.published()

    def projects_measured(self, method: str):
        return getattr(self.projects, method)(self.year)

    def breakdown(
        self,
        register: str,
        measures: list[tuple[object, str]],
        field: str,
        param: str,
        options: Iterable[tuple[str, str]],
        total_label: str,
    ) -> list[dict]:
        """A row per option of ``field`` and a total row, a column per measure.

        Each measure is (the queryset it counts, the register's year filter that selects the
        same rows); each cell links to ``register``'s list with that year filter and, but for
        the total, ``param`` set to the option.
        """
        year = self.year
        counts = [counts_by(queryset, field) for queryset, _year_filter in measures]
        rows = [
            row(
                value,
                label,
                [
                    cell(
                        by_value.get(value, 0), link(register, **{param: value, year_filter: year})
                    )
                    for by_value, (_queryset, year_filter) in zip(counts, measures, strict=True)
                ],
            )
            for value, label in options
        ]
        total = [
            cell(queryset.count(), link(register, **{year_filter: year}))
            for queryset, year_filter in measures
        ]
        return [*rows, row("all", total_label, total)]

    def project_table(
        self,
        key: str,
        title: str,
        row_heading: str,
        options: Iterable[tuple[str, str]],
        field: str,
        param: str,
        note: str = "",
    ) -> dict:
        """Projects started, active and completed, by the value of ``field``."""
        measures = [(self.projects_measured(method), method) for _title, method in PROJECT_MEASURES]
        rows = self.breakdown("projects:list", measures, field, param, options, "All projects")
        columns = [title for title, _method in PROJECT_MEASURES]
        return table(key, title, row_heading, columns, rows, note)

    def compile(self) -> dict:
        year = self.year
        tables = [
            self.project_table(
                "projects-by-programme",
                "Projects by programme",
                "Programme",
                Programme.choices,
                "programme",
                "programme",
            ),
            self.project_table(
                "projects-by-sector",
                "Projects by sector",
                "Sector",
                Sector.objects.values_list("slug", "name"),
                "sectors__slug",
                "sector",
                note="A project working in several sectors counts once in each.",
            ),
            self.project_table(
                "projects-by-sub-region",
                "Projects by sub-region",
                "Sub-region",
                SubRegion.objects.values_list("slug", "name"),
                "sub_regions__slug",
                "sub_region",
                note=(
                    "A project covering several sub-regions counts once in each; London-wide "
                    "projects that name none count only in the total."
                ),
            ),
            self.organisations_table(),
            self.partnerships_table(),
            self.joint_working_table(),
            self.funding_table(),
            self.papers_by_kind_table(),
            self.papers_by_group_table(),
            self.products_table(),
            self.events_table(),
            self.london_wide_events_table(),
            self.forums_table(),
            *self.consultation_tables(),
            self.eindex_table(),
        ]
        by_key = {item["key"]: item for item in tables}

        def total(key: str, column: int = 0) -> int:
            return by_key[key]["rows"][-1]["cells"][column]["value"]

        headline_values = {
            "projects_started": total("projects-by-programme", 0),
            "projects_active": total("projects-by-programme", 1),
            "projects_completed": total("projects-by-programme", 2),
            "organisations_involved": total("organisations-by-sector"),
            "cross_sector_projects": by_key["partnerships"]["rows"][0]["cells"][0]["value"],
            "funds_opened": total("funding-by-origin", 0),
            "funds_closing": total("funding-by-origin", 1),
            "papers_published": total("papers-by-kind"),
            "topics_started": total("forums", 0),
            "posts_written": total("forums", 1),
            "eindex_links": total("eindex", 0),
            "events_held": total("events-by-kind", 0),
            "event_attendance": total("events-by-kind", 2),
        }
        return {
            "year": year,
            "compiled_at": timezone.localtime().isoformat(timespec="seconds"),
            # Kept with the figures, so that a correction to last year's review does not
            # change what this one compared itself with.
            "previous": previous_headlines(year),
            "headlines": [
                {"key": key, "label": label, "value": headline_values[key]}
                for key, label in HEADLINES
            ],
            "tables": tables,
            "conference_event": self.conference_event(),
        }

    def organisations_table(self) -> dict:
        rows = self.breakdown(
            "partners:organisations",
            [(Organisation.objects.active_in(self.year), "active_in")],
            "sector__slug",
            "sector",
            Sector.objects.values_list("slug", "name"),
            "All organisations",
        )
        return table(
            "organisations-by-sector",
            "Organisations taking part in active projects, by sector",
            "Sector",
            ["Organisations"],
            rows,
            note="Organisations leading or partnering at least one project active in the year.",
        )

    def partnerships_table(self) -> dict:
        active = self.projects_measured("active_in")
        rows = [
            row(
                value,
                label,
                [
                    cell(
                        active.with_partnership(value).count(),
                        link("projects:list", active_in=self.year, partnership=value),
                    )
                ],
            )
            for value, label in Partnership.choices
        ]
        return table(
            "partnerships",
            "Cross-sector partnerships among active projects",
            "Partnership",
            ["Projects"],
            rows,
            note="By the sectors of each project's lead and partner organisations.",
        )

    def joint_working_table(self) -> dict:
        """Which sectors work together: the map of joint work's sector matrix for the year."""
        matrix = sectors_active_in(self.year)
        rows = [
            row(slug, name, [cell(item.value, item.link) for item in cells])
            for (slug, name), cells in zip(matrix.rows, matrix.cells, strict=True)
        ]
        return table(
            "joint-working",
            "Joint working: active projects joining two sectors",
            "Sector",
            [name for _slug, name in matrix.columns],
            rows,
            note="Each number counts the projects active in the year whose lead and partner "
            "organisations include both sectors; where a sector meets itself, its projects "
            "with any other sector.",
        )

    def funding_table(self) -> dict:
        funds = FundingSource.objects.published()
        measures = [
            (funds.opens_in(self.year), "opens_in"),
            (funds.closes_in(self.year), "closes_in"),
        ]
        rows = self.breakdown(
            "funding:list", measures, "origin", "origin", Origin.choices, "All funding sources"
        )
        return table(
            "funding-by-origin",
            "Funding sources opened and closing, UK against EC",
            "Where the money comes from",
            ["Opened", "Closing"],
            rows,
            note="Funds already open before the year, or rolling with no closing date, are "
            "not counted in that column.",
        )

    def papers_by_kind_table(self) -> dict:
        papers = Paper.objects.published().filter(date__year=self.year)
        rows = self.breakdown(
            "papers:list", [(papers, "year")], "kind", "kind", PaperKind.choices, "All papers"
        )
        return table("papers-by-kind", "Papers published, by kind", "Kind", ["Papers"], rows)

    def papers_by_group_table(self) -> dict:
        papers = Paper.objects.published().filter(date__year=self.year, group__isnull=False)
        counts = counts_by(papers, "group__slug")
        groups = Group.objects.filter(slug__in=counts).values_list("slug", "name")
        rows = [
            row(
                slug,
                name,
                [cell(counts[slug], link("papers:list", group=slug, year=self.year))],
            )
            for slug, name in sorted(groups, key=lambda group: (-counts[group[0]], group[1]))
        ]
        return table(
            "papers-by-group",
            "Papers published, by group",
            "Group",
            ["Papers"],
            rows,
            note="Groups that published at least one paper; papers of a single organisation "
            "are counted by kind only.",
        )

    def forums_table(self) -> dict:
        forums = Forum.objects.filter(visibility=ForumVisibility.PUBLIC)
        topics = Topic.objects.shown().filter(forum__in=forums).started_in(self.year)
        posts = Post.objects.shown().filter(
            topic__is_hidden=False, topic__forum__in=forums, created_at__year=self.year
        )
        topic_counts = counts_by(topics, "forum__slug")
        post_counts = counts_by(posts, "topic__forum__slug")
        rows = [
            row(
                slug,
                name,
                [
                    cell(
                        topic_counts.get(slug, 0),
                        link("forums:forum", slug, started_in=self.year),
                    ),
                    cell(post_counts.get(slug, 0)),
                ],
            )
            for slug, name in forums.values_list("slug", "name")
        ]
        rows.append(
            row(
                "all",
                "All public forums",
                [cell(topics.count()), cell(posts.count())],
            )
        )
        return table(
            "forums",
            "Forum activity, by forum",
            "Forum",
            ["Topics started", "Posts written"],
            rows,
            note="Public forums only, without what a moderator hid or an author deleted. Each "
            "forum's number of topics links to the topics it started that year; posts are all "
            "the posts written that year in those forums' topics.",
        )

    def consultation_tables(self) -> list[dict]:
        """The consultations opened in the year in public forums, each with who answered, and
        the answers to them by sector."""
        held = (
            Consultation.objects.filter(
                topic__is_hidden=False, topic__forum__visibility=ForumVisibility.PUBLIC
            )
            .held_in(self.year)
            .select_related("topic__forum")
            .annotate(
                organisations=Count("questions__answers__organisation", distinct=True),
                answers=Count("questions__answers"),
            )
            .order_by("created_at", "pk")
        )
        rows = [
            row(
                str(consultation.pk),
                consultation.topic.subject,
                [cell(consultation.organisations), cell(consultation.answers)],
            )
            for consultation in held
        ]
        answers = Answer.objects.filter(question__consultation__in=held.values("pk"))
        rows.append(
            row(
                "all",
                f"All {len(rows)} consultation{'s' if len(rows) != 1 else ''}",
                [
                    cell(answers.values("organisation").distinct().count()),
                    cell(answers.count()),
                ],
            )
        )
        by_sector = {
            item["organisation__sector__slug"]: item
            for item in answers.order_by()
            .values("organisation__sector__slug")
            .annotate(organisations=Count("organisation", distinct=True), answers=Count("pk"))
        }
        empty = {"organisations": 0, "answers": 0}
        sector_rows = [
            row(
                slug,
                name,
                [
                    cell(by_sector.get(slug, empty)["organisations"]),
                    cell(by_sector.get(slug, empty)["answers"]),
                ],
            )
            for slug, name in Sector.objects.values_list("slug", "name")
        ]
        sector_rows.append(row("all", "All sectors", rows[-1]["cells"]))
        return [
            table(
                "consultations",
                "Consultations held",
                "Consultation",
                ["Organisations answering", "Answers"],
                rows,
                note="Consultations opened in the year in public forums. Each organisation "
                "counts once however many of its people answered; each answer is one "
                "person's answer to one question.",
            ),
            table(
                "consultation-responses-by-sector",
                "Responses to consultations, by sector",
                "Sector",
                ["Organisations answering", "Answers"],
                sector_rows,
                note="The answers to the consultations held in the year, by the sector of the "
                "organisation each person answered for.",
            ),
        ]

    def eindex_table(self) -> dict:
        links = Link.objects.published()
        broken = links.filter(failing_since__lte=broken_before())
        link_counts = counts_by(links, "section__slug")
        broken_counts = counts_by(broken, "section__slug")
        rows = [
            row(
                slug,
                name,
                [
                    cell(link_counts.get(slug, 0), link("eindex:section", slug)),
                    cell(broken_counts.get(slug, 0)),
                ],
            )
            for slug, name in EindexSection.objects.values_list("slug", "name")
        ]
        rows.append(
            row(
                "all",
                "The whole e-index",
                [cell(links.count(), link("eindex:index")), cell(broken.count())],
            )
        )
        return table(
            "eindex",
            "The e-index: its size and the health of its links",
            "Section",
            ["Links", "Possibly broken"],
            rows,
            note="As it stood when the figures were compiled. A link is possibly broken when "
            "it has failed every check for more than a week.",
        )

    def products_table(self) -> dict:
        """Products of projects listed for reuse in the year, and those taken up in it."""
        products = Product.objects.published()
        measures = [
            (products.listed_in(self.year), "listed_in"),
            (products.taken_up_in(self.year), "taken_up_in"),
        ]
        rows = self.breakdown(
            "products:list", measures, "kind", "type", ProductKind.choices, "All products"
        )
        return table(
            "products-by-type",
            "Products for reuse, listed and taken up, by type",
            "Type",
            ["Listed", "Taken up"],
            rows,
            note="Listed: first published in the year. Taken up: an organisation other than "
            "the project's lead recorded evaluating or adopting it on a date in the year "
            "(declines are not counted).",
        )

    def events_held(self):
        """Public events that started in the year and are over (before today, as the events
        list divides past from upcoming): what its past events of that year show."""
        return Event.objects.public().held_in(self.year).past(now=start_of_today())

    def events_table(self) -> dict:
        """Events held in the year by kind, and how many came where the organiser said."""
        rows = (
            self.events_held()
            .order_by()
            .values("kind")
            .annotate(
                held=Count("pk"),
                recorded=Count("pk", filter=Q(attended__isnull=False)),
                attended=Sum("attended", default=0),
            )
        )
        by_kind = {item["kind"]: item for item in rows}
        empty = {"held": 0, "recorded": 0, "attended": 0}

        def cells(values: dict, **params) -> list[dict]:
            return [
                cell(values["held"], events_link(self.year, **params)),
                cell(values["recorded"]),
                cell(values["attended"]),
            ]

        total = {key: sum(item[key] for item in by_kind.values()) for key in empty}
        return table(
            "events-by-kind",
            "Events held, by kind, and who attended",
            "Kind",
            ["Held", "With attendance recorded", "People attending"],
            [
                *(
                    row(kind, label, cells(by_kind.get(kind, empty), kind=kind))
                    for kind, label in EventKind.choices
                ),
                row("all", "All events", cells(total)),
            ],
            note="Events open to the public that took place in the year; partners-only "
            "meetings are not counted. People attending adds up the numbers organisers "
            "recorded after their events, so it counts only the events with attendance "
            "recorded.",
        )

    def london_wide_events_table(self) -> dict:
        """The London-wide workshops and seminars the strategy plans: those for no one
        sub-region."""
        london_wide = self.events_held().filter(
            kind__in=LONDON_WIDE_KINDS, sub_regions__isnull=True
        )
        counts = counts_by(london_wide, "kind")
        rows = [
            row(kind.value, f"{kind.label}s", [cell(counts.get(kind.value, 0))])
            for kind in LONDON_WIDE_KINDS
        ]
        rows.append(row("all", "London-wide workshops and seminars", [cell(sum(counts.values()))]))
        return table(
            "events-london-wide",
            "London-wide workshops and seminars held",
            "Kind",
            ["Held"],
            rows,
            note="Public workshops and seminars held in the year for the whole of London: "
            "those naming no sub-region.",
        )

    def conference_event(self) -> dict | None:
        """The conference this review prepares, when it is in the events register: the public
        conference on the day the review gives, or, if none is on that day (or no day is
        given), the only public conference held in that year (the conference's year, else the
        year after the review's, as the conference follows the review)."""
        day = (
            Review.objects.filter(year=self.year).values_list("conference_date", flat=True).first()
        )
        year = day.year if day else self.year + 1
        conferences = list(
            Event.objects.public()
            .filter(kind=EventKind.CONFERENCE)
            .held_in(year)
            .order_by("starts_at", "pk")
            .only("slug", "title", "starts_at")
        )
        chosen = [
            event for event in conferences if timezone.localtime(event.starts_at).date() == day
        ]
        if not chosen and len(conferences) == 1:
            chosen = conferences
        if not chosen:
            return None
        event = chosen[0]
        return {
            "title": event.title,
            "link": event.get_absolute_url(),
            "starts_at": timezone.localtime(event.starts_at).isoformat(timespec="minutes"),
        }


def compile_figures(year: int) -> dict:
    return Compiler(year).compile()


def previous_headlines(year: int) -> dict | None:
    """The headline figures of the previous year's review as published (its latest
    edition), or None if there is none."""
    edition = (
        Edition.objects.filter(review__year=year - 1).order_by("-number").only("figures").first()
    )
    if edition is None:
        return None
    return {"year": year - 1, "headlines": edition.figures.get("headlines", [])}


def comparison(figures: dict) -> list[dict]:
    """Each headline figure against the previous year's review: what grew, what shrank."""
    previous = figures.get("previous")
    if not previous:
        return []
    before = {item["key"]: item["value"] for item in previous["headlines"]}
    rows = []
    for item in figures["headlines"]:
        if item["key"] not in before:
            continue
        change = item["value"] - before[item["key"]]
        trend = "grew" if change > 0 else "shrank" if change < 0 else "unchanged"
        rows.append(
            {
                **item,
                "previous": before[item["key"]],
                "change": change,
                "difference": abs(change),
                "trend": trend,
            }
        )
    return rows
