"""``manage.py load_demo``: load the demo organisations, groups, projects and accounts.

Safe to run again: every row is looked up by a natural key (slug, title, username, or the
pair that identifies a link or an interest) and only written when its data differ, so a
second run writes nothing, adds no edit-history rows and leaves ``updated_at`` alone.
Everything happens in one transaction: a failure leaves the database as it was.
"""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from textwrap import dedent

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as Role
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify

from contacts.models import Contact
from eindex.models import Link, Section, SubCategory
from forums import services as forum_services
from forums.models import Forum, Topic
from funding.models import FundingSource
from papers import samples
from papers.models import Paper
from partners import demo_data
from partners.models import Group, Membership, Organisation, Sector, SubRegion
from projects.models import Programme, Project, ProjectInterest, ProjectLink, ProjectStatus
from registers.models import PublicationStatus
from registers.storage import stored_files_kept_only_on_success
from reviews import services as review_services
from reviews.models import Review
from reviews.models import Section as ReviewSection

# Which demo projects each demo fund pays for: those of its programme that ran while it did.
FUNDED_PROGRAMMES = {
    "Invest to Save Budget: round 7": Programme.INVEST_TO_SAVE,
    "Local e-government Pathfinders": Programme.PATHFINDER,
    "eTEN: trans-European e-services": Programme.EC_FUNDED,
}


def prose(text: str) -> str:
    """Join the wrapped lines of each paragraph; keep a blank line between paragraphs."""
    paragraphs = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def check_data() -> list[str]:
    """Problems in ``demo_data`` found without touching the database."""
    problems = []
    themes = set(demo_data.THEMES)
    programmes, statuses = set(Programme.values), set(ProjectStatus.values)
    publications, link_kinds = set(PublicationStatus.values), set(ProjectLink.Kind.values)
    for label, items, key in [
        ("organisation", demo_data.ORGANISATIONS, "slug"),
        ("group", demo_data.GROUPS, "slug"),
        ("project", demo_data.PROJECTS, "title"),
        ("account", demo_data.ACCOUNTS, "username"),
        ("e-index link", [{"url": item[3]} for item in demo_data.EINDEX_LINKS], "url"),
    ]:
        for value, count in Counter(item[key] for item in items).items():
            if count > 1:
                problems.append(f"{label} {value!r} appears {count} times")
    for item in demo_data.PROJECTS:
        title, lead = item["title"], item["lead"]
        partners, interest = item["partners"], item.get("interest", [])
        if lead in partners:
            problems.append(f"{title}: the lead organisation is also listed as a partner")
        if len(set(partners)) != len(partners) or len(set(interest)) != len(interest):
            problems.append(f"{title}: an organisation is listed twice")
        if clash := set(interest) & ({lead} | set(partners)):
            problems.append(f"{title}: {sorted(clash)} already take part but register interest")
        if not 2 <= len(item["themes"]) <= 4 or not set(item["themes"]) <= themes:
            problems.append(f"{title}: needs 2-4 themes from THEMES, has {item['themes']}")
        if item["programme"] not in programmes or item["status"] not in statuses:
            problems.append(f"{title}: unknown programme or status")
        if item.get("publication", PublicationStatus.PUBLISHED) not in publications:
            problems.append(f"{title}: unknown publication status")
        start, end = date.fromisoformat(item["start"]), date.fromisoformat(item["end"])
        if not (date(1999, 1, 1) <= start < end <= date(2030, 12, 31)):
            problems.append(f"{title}: dates must run forwards within 1999-2030")
        if len(prose(item["summary"])) >= 400:
            problems.append(f"{title}: summary is 400 characters or more")
        if not 1 <= len(item["links"]) <= 3:
            problems.append(f"{title}: needs 1-3 links")
        urls = [url for _kind, _label, url in item["links"]]
        if len(set(urls)) != len(urls):
            problems.append(f"{title}: the same link is listed twice")
        if any(kind not in link_kinds for kind, _label, _url in item["links"]):
            problems.append(f"{title}: unknown link kind")
    return problems


class Command(BaseCommand):
    help = (
        "Load demo partner organisations, groups, projects and user accounts. "
        "Running it again updates the same rows and creates no duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=demo_data.DEMO_PASSWORD,
            help="Password for every demo account (default: %(default)s).",
        )

    def handle(self, *args, **options):
        if problems := check_data():
            raise CommandError("The demo data are inconsistent:\n  " + "\n  ".join(problems))
        password = options["password"]
        self.tally: dict[str, Counter] = {}
        with stored_files_kept_only_on_success(), transaction.atomic():
            self.sectors = {sector.slug: sector for sector in Sector.objects.all()}
            self.sub_regions = {region.slug: region for region in SubRegion.objects.all()}
            self.load_organisations()
            self.organisations = Organisation.objects.in_bulk(field_name="slug")
            self.load_groups()
            users = self.load_accounts(password)
            self.load_projects(users)
            self.load_contacts()
            self.load_eindex()
            self.load_funding()
            self.load_papers()
            self.load_forums()
            self.load_declared()
            self.load_reviews()
            self.age_early_projects()
        self.report(password)

    def load_declared(self):
        """The demo data of registers that declare their own (a ``demo_loader`` on their
        AppConfig: the dotted path of a function given this command), so that this command
        need not know them. Before the reviews, whose figures count them."""
        for config in apps.get_app_configs():
            if loader := getattr(config, "demo_loader", ""):
                import_string(loader)(self)

    def age_early_projects(self):
        """The projects that started before 2002 were last reviewed over a year ago, so the
        demo shows "may be out of date" and ``remind_owners`` has something to send."""
        long_ago = timezone.localdate() - timedelta(days=settings.REVIEW_AFTER_DAYS + 60)
        aged = Project.objects.filter(start_date__year__lt=2002).update(last_reviewed_on=long_ago)
        self.count("projects due for review", str(aged))

    # -- helpers ---------------------------------------------------------------------------
    def count(self, label: str, outcome: str) -> None:
        self.tally.setdefault(label, Counter())[outcome] += 1

    def upsert(self, label, model, lookup: dict, values: dict, *, clean_exclude=()):
        """``update_or_create`` that saves only when something differs (so no history row
        and no new ``updated_at`` on a rerun), after validating the row."""
        instance = model._default_manager.filter(**lookup).order_by("pk").first()
        if instance is None:
            instance = model(**lookup, **values)
            outcome = "created"
        else:
            changed = {
                name: value for name, value in values.items() if self.differs(instance, name, value)
            }
            if not changed:
                self.count(label, "unchanged")
                return instance
            for name, value in changed.items():
                setattr(instance, name, value)
            outcome = "updated"
        try:
            instance.full_clean(exclude=list(clean_exclude))
        except ValidationError as error:
            raise CommandError(f"{label} {lookup}: {error.message_dict}") from error
        instance.save()
        self.count(label, outcome)
        return instance

    @staticmethod
    def differs(instance, name: str, value) -> bool:
        field = instance._meta.get_field(name)
        if field.many_to_one:  # compare foreign keys by id, without fetching the row
            return getattr(instance, field.attname) != (None if value is None else value.pk)
        return getattr(instance, name) != value

    def set_related(self, label: str, manager, objects) -> None:
        """Set a many-to-many relation, touching it only when it differs."""
        wanted = {obj.pk for obj in objects}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.count(label, "changed")

    def lookup(self, mapping: dict, slug: str | None, what: str):
        if slug is None:
            return None
        try:
            return mapping[slug]
        except KeyError:
            raise CommandError(
                f"No {what} with slug {slug!r}: has `manage.py migrate` loaded the reference data?"
            ) from None

    def organisation(self, slug: str) -> Organisation:
        return self.lookup(self.organisations, slug, "organisation")

    # -- loaders ---------------------------------------------------------------------------
    def load_organisations(self) -> None:
        for item in demo_data.ORGANISATIONS:
            self.upsert(
                "organisations",
                Organisation,
                {"slug": item["slug"]},
                {
                    "name": item["name"],
                    "sector": self.lookup(self.sectors, item["sector"], "sector"),
                    "sub_region": self.lookup(self.sub_regions, item["sub_region"], "sub-region"),
                    "is_local_authority": False,
                    "website": item["website"],
                    "description": prose(item["description"]),
                },
            )

    def load_groups(self) -> None:
        for item in demo_data.GROUPS:
            group = self.upsert(
                "groups",
                Group,
                {"slug": item["slug"]},
                {
                    "name": item["name"],
                    "kind": item["kind"],
                    "sub_region": self.lookup(self.sub_regions, item["sub_region"], "sub-region"),
                    "website": item["website"],
                    "description": prose(item["description"]),
                },
            )
            members = [self.organisation(slug) for slug in item["members"]]
            self.set_related("group member lists", group.members, members)

    def load_accounts(self, password: str) -> dict[str, object]:
        """Create or update the demo users; return them by organisation slug (the first
        account of each organisation), for recording who registered an interest."""
        user_model = get_user_model()
        by_organisation = {}
        for item in demo_data.ACCOUNTS:
            user = self.upsert(
                "users",
                user_model,
                {"username": item["username"]},
                {
                    "first_name": item["first_name"],
                    "last_name": item["last_name"],
                    "email": f"{item['username']}@example.org",
                    "is_active": True,
                    "is_staff": item["is_staff"],
                    "is_superuser": item["is_superuser"],
                },
                clean_exclude=["password"],
            )
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(
                    f"The demo password is too weak: {' '.join(error.messages)}"
                ) from error
            if not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                self.count("passwords", "set")
            roles = [Role.objects.get_or_create(name=item["role"])[0]] if item["role"] else []
            self.set_related("user roles", user.groups, roles)
            organisation = self.organisation(item["organisation"])
            self.upsert(
                "memberships",
                Membership,
                {"user": user},
                {"organisation": organisation, "job_title": item["job_title"]},
            )
            by_organisation.setdefault(organisation.slug, user)
        return by_organisation

    def load_projects(self, users: dict) -> None:
        for item in demo_data.PROJECTS:
            project = self.upsert(
                "projects",
                Project,
                {"title": item["title"]},  # the model makes the slug from the title
                {
                    "summary": prose(item["summary"]),
                    "description": prose(item["description"]),
                    "programme": item["programme"],
                    "status": item["status"],
                    "publication_status": item.get("publication", PublicationStatus.PUBLISHED),
                    "lead_organisation": self.organisation(item["lead"]),
                    "start_date": date.fromisoformat(item["start"]),
                    "end_date": date.fromisoformat(item["end"]),
                    "budget": None if item["budget"] is None else Decimal(item["budget"]),
                },
            )
            self.set_related(
                "project partner lists",
                project.partner_organisations,
                [self.organisation(slug) for slug in item["partners"]],
            )
            self.set_related(
                "project sub-region lists",
                project.sub_regions,
                [self.lookup(self.sub_regions, slug, "sub-region") for slug in item["sub_regions"]],
            )
            self.set_related(
                "project sector lists",
                project.sectors,
                [self.lookup(self.sectors, slug, "sector") for slug in item["sectors"]],
            )
            if {tag.name for tag in project.tags.all()} != set(item["themes"]):
                project.tags.set(item["themes"])
                self.count("project theme lists", "changed")
            self.load_links(project, item["links"])
            for slug in item.get("interest", []):
                self.upsert(
                    "interests",
                    ProjectInterest,
                    {"project": project, "organisation": self.organisation(slug)},
                    {"registered_by": users.get(slug)},
                    # Most interested organisations have no demo account to record.
                    clean_exclude=["registered_by"],
                )

    def load_contacts(self) -> None:
        consented_on = date(2026, 9, 1)  # fixed: reruns change nothing
        groups = Group.objects.in_bulk(field_name="slug")
        for number, item in enumerate(demo_data.CONTACTS, start=1):
            name, job, organisation, themes, group_slugs, consent, biography = item
            email_name = name.lower().replace(" ", ".")
            domain = organisation.replace("-", "") + ".example.org"
            contact = self.upsert(
                "contacts",
                Contact,
                {"title": name},
                {
                    "job_title": job,
                    "organisation": self.organisation(organisation),
                    "publication_status": PublicationStatus.PUBLISHED,
                    "email": f"{email_name}@{domain}",
                    # Ofcom's range for drama: never a real number.
                    "telephone": f"020 7946 0{number:03d}",
                    "biography": biography,
                    "email_consent_on": consented_on if "email" in consent else None,
                    "telephone_consent_on": consented_on if "telephone" in consent else None,
                    "biography_consent_on": consented_on if "biography" in consent else None,
                },
            )
            self.set_related(
                "contact groups", contact.groups, [groups[slug] for slug in group_slugs]
            )
            if {tag.name for tag in contact.tags.all()} != set(themes):
                contact.tags.set(themes)
                self.count("contact interests", "changed")

    def load_eindex(self) -> None:
        sections = Section.objects.in_bulk(field_name="slug")
        for item in demo_data.EINDEX_LINKS:
            section_slug, sub_name, title, url, maintainer, themes, description = item
            section = self.lookup(sections, section_slug, "e-index section")
            sub_category = None
            if sub_name:
                sub_category = self.upsert(
                    "e-index sub-categories",
                    SubCategory,
                    {"section": section, "slug": slugify(sub_name)},
                    {"name": sub_name},
                )
            link = self.upsert(
                "e-index links",
                Link,
                {"url": url},
                {
                    "title": title,
                    "description": description,
                    "maintainer": maintainer,
                    "section": section,
                    "sub_category": sub_category,
                    "publication_status": PublicationStatus.PUBLISHED,
                },
            )
            if {tag.name for tag in link.tags.all()} != set(themes):
                link.tags.set(themes)
                self.count("e-index themes", "changed")

    @property
    def demo_project_titles(self) -> list[str]:
        return [item["title"] for item in demo_data.PROJECTS]

    def load_funding(self) -> None:
        """Dates count from today, so the demo always has open, closing-soon and closed
        funds (a rerun on a later day moves them; on the same day it changes nothing)."""
        today = timezone.localdate()
        listed_by = self.organisation("londonconnects")
        for item in demo_data.FUNDING:
            (title, funder, origin, programme, summary, sectors, themes, currency) = item[:8]
            smallest, largest, match, opens_in, closes_in, url = item[8:]
            funder_organisation = self.organisations.get(funder)
            fund = self.upsert(
                "funding sources",
                FundingSource,
                {"title": title},
                {
                    "owner": listed_by,
                    "funder_organisation": funder_organisation,
                    "funder_name": "" if funder_organisation else funder,
                    "origin": origin,
                    "programme": programme,
                    "summary": summary,
                    "currency": currency,
                    "amount_min": None if smallest is None else Decimal(smallest),
                    "amount_max": None if largest is None else Decimal(largest),
                    "match_funding_percent": match,
                    "opens_on": None if opens_in is None else today + timedelta(days=opens_in),
                    "closes_on": None if closes_in is None else today + timedelta(days=closes_in),
                    "url": url,
                    "publication_status": PublicationStatus.PUBLISHED,
                },
            )
            self.set_related(
                "funding sector lists",
                fund.eligible_sectors,
                [self.lookup(self.sectors, slug, "sector") for slug in sectors],
            )
            if {tag.name for tag in fund.tags.all()} != set(themes):
                fund.tags.set(themes)
                self.count("funding themes", "changed")
            # Only the demo's own projects: a database may also hold bulk ones.
            funded = Project.objects.filter(
                programme=FUNDED_PROGRAMMES.get(title, "-"),
                title__in=self.demo_project_titles,
                start_date__lt=date(2006, 1, 1),
            )
            self.set_related("funded project lists", fund.funded_projects, funded)

    def load_papers(self) -> None:
        """Each paper's file is a small PDF or DOCX written here from its paragraphs; a
        paper that exists keeps its file (so a rerun adds no versions)."""
        groups = Group.objects.in_bulk(field_name="slug")
        for item in demo_data.PAPERS:
            title, kind, organisation, group, dated, visibility, fmt, themes, summary = item[:9]
            values = {
                "kind": kind,
                "organisation": self.organisation(organisation),
                "group": groups[group] if group else None,
                "date": date.fromisoformat(dated),
                "visibility": visibility,
                "summary": summary,
                "publication_status": PublicationStatus.PUBLISHED,
            }
            paper = Paper.objects.filter(title=title).first()
            if paper is None:
                make = samples.pdf if fmt == "pdf" else samples.docx
                paper = Paper(title=title, **values)
                paper.file = ContentFile(make(title, item[9]), name=f"{fmt}.{fmt}")
                paper.full_clean()
                paper.save()
                self.count("papers", "created")
            else:
                self.upsert("papers", Paper, {"title": title}, values)
            if {tag.name for tag in paper.tags.all()} != set(themes):
                paper.tags.set(themes)
                self.count("paper themes", "changed")

    def load_forums(self) -> None:
        """Forums by slug; each demo topic is written once, with its posts, by the demo
        accounts (a rerun leaves existing discussions alone)."""
        users = {user.username: user for user in get_user_model().objects.all()}
        for order, (slug, name, visibility, description) in enumerate(demo_data.FORUMS):
            self.upsert(
                "forums",
                Forum,
                {"slug": slug},
                {
                    "name": name,
                    "visibility": visibility,
                    "description": description,
                    "order": order,
                },
            )
        forums = Forum.objects.in_bulk(field_name="slug")
        for slug, subject, posts in demo_data.FORUM_TOPICS:
            forum = forums[slug]
            if Topic.objects.filter(forum=forum, subject=subject).exists():
                self.count("forum topics", "unchanged")
                continue
            (first_author, first_body), *replies = posts
            topic = forum_services.start_topic(
                forum=forum, author=users[first_author], subject=subject, body=first_body
            )
            for username, body in replies:
                forum_services.reply(topic=topic, author=users[username], body=body)
            self.count("forum topics", "created")

    def load_reviews(self) -> None:
        """Last year's review published (once: a rerun publishes no correction), this
        year's left as a draft."""
        this_year = timezone.localdate().year
        steering = get_user_model().objects.get(username="steering")
        for item in demo_data.REVIEWS:
            year = this_year - item["years_ago"]
            name, (month, day), venue, url = item["conference"]
            review = self.upsert(
                "reviews",
                Review,
                {"year": year},
                {
                    "title": item["title"].format(year=year),
                    "foreword": prose(item["foreword"].format(year=year)),
                    "conference_name": name.format(next_year=year + 1),
                    "conference_date": date(year + 1, month, day),
                    "conference_venue": venue,
                    "conference_url": url,
                },
            )
            for order, (heading, body) in enumerate(item["sections"], start=1):
                self.upsert(
                    "review sections",
                    ReviewSection,
                    {"review": review, "order": order},
                    {"heading": heading, "body": dedent(body).strip()},
                )
            if item["publish"] and not review.editions.exists():
                review_services.publish(review, by=steering)
                self.count("review editions", "published")

    def load_links(self, project: Project, links) -> None:
        for order, (kind, label, url) in enumerate(links):
            self.upsert(
                "links",
                ProjectLink,
                {"project": project, "url": url},
                {"kind": kind, "label": label, "order": order},
            )
        stale = project.links.exclude(url__in=[url for _kind, _label, url in links])
        for link in stale:  # one by one, so that each deletion is kept in the history
            link.delete()
            self.count("links", "deleted")

    # -- output ----------------------------------------------------------------------------
    def report(self, password: str) -> None:
        for label, outcomes in self.tally.items():
            summary = ", ".join(f"{number} {outcome}" for outcome, number in outcomes.items())
            self.stdout.write(f"{label}: {summary}")
        self.stdout.write(
            f"Totals: {Organisation.objects.count()} organisations, {Group.objects.count()} "
            f"groups, {Project.objects.count()} projects "
            f"({Project.objects.published().count()} published), "
            f"{ProjectLink.objects.count()} links, {ProjectInterest.objects.count()} interests, "
            f"{Contact.objects.count()} contacts, {Link.objects.count()} e-index links."
        )
        accounts = "; ".join(
            f"{item['username']} ({item['role'] or 'superuser'}, {item['organisation']}"
            f"{', admin' if item['is_staff'] else ''})"
            for item in demo_data.ACCOUNTS
        )
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password: {password}): {accounts}"))
