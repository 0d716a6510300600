"""The product register's demo data, loaded by ``manage.py load_demo`` through the
declaration in ``ProductsConfig.demo_loader`` (so that command need not know this register).

Products of real demo projects, some with a paper from the demo papers library, and their
take-up by other organisations, so that /products/, the project and organisation pages and the
annual review's figures show something real. Looked up by natural keys (a product's title, a
take-up's product and organisation): a second run writes nothing.
"""

from datetime import date

from django.core.management.base import CommandError

from papers.models import Paper
from projects.models import Project
from registers.models import PublicationStatus

from .models import Product, ProductKind, TakeUp, TakeUpStatus

EVALUATING, ADOPTED, DECLINED = TakeUpStatus.EVALUATING, TakeUpStatus.ADOPTED, TakeUpStatus.DECLINED
OGL = "Open Government Licence v3.0"

PRODUCTS = [
    {
        "title": "Shared address gazetteer exchange specification",
        "project": "Barnet Shared Address Gazetteer",
        "kind": ProductKind.SPECIFICATION,
        "summary": "How boroughs exchange address and property records with the national "
        "gazetteer hub: the file layout, the update cycle and the checks on each side.",
        "url": "https://gazetteer.example.org/exchange-specification",
        "licence": OGL,
        "take_ups": [
            ("enfield", ADOPTED, "2004-02-01", "Used for our land and property gazetteer."),
            ("haringey", ADOPTED, "2004-06-15", ""),
            ("camden", EVALUATING, "2025-03-10", "Checking it against our GIS portal."),
            ("islington", DECLINED, "2025-01-20", "We already use the national standard."),
        ],
    },
    {
        "title": "Children's social care data-sharing protocol",
        "project": "North London Data-Sharing Agreement for Children's Social Care",
        "kind": ProductKind.DATA_SHARING_PROTOCOL,
        "summary": "A signed protocol for sharing information about children at risk between "
        "councils, health services and the police, with a model fair-processing notice.",
        "paper": "North London children's social care data sharing: outline business case",
        "licence": f"{OGL}; partners adapt the schedules to their own services",
        "take_ups": [
            ("haringey", ADOPTED, "2025-04-01", "Signed by our children's services board."),
            ("barnet", ADOPTED, "2025-05-12", ""),
            ("camden", EVALUATING, "2025-09-03", ""),
            ("metropolitan-police", ADOPTED, "2025-06-30", "Signed for the North West BCU."),
        ],
    },
    {
        "title": "Health and social care information-sharing protocol",
        "project": "London NHS and Local Authority Secure Connectivity",
        "kind": ProductKind.DATA_SHARING_PROTOCOL,
        "summary": "The London-wide protocol that lets NHS bodies and social services share "
        "care records over the secure network, with its consent model.",
        "paper": "Information sharing protocol for health and social care in London",
        "licence": OGL,
        "take_ups": [
            ("croydon-pct", ADOPTED, "2003-09-01", ""),
            ("lambeth", ADOPTED, "2003-11-01", ""),
            ("ealing", EVALUATING, "2025-02-14", ""),
        ],
    },
    {
        "title": "London boroughs e-procurement framework agreement",
        "project": "London Boroughs e-Procurement Framework",
        "kind": ProductKind.PROCUREMENT_FRAMEWORK,
        "summary": "A framework any London public body can call off to buy e-procurement "
        "systems and services without running its own tender.",
        "url": "https://procurement.example.org/london-framework",
        "licence": "Open to London public bodies that sign the access agreement",
        "take_ups": [
            ("havering", ADOPTED, "2003-10-01", ""),
            ("croydon", ADOPTED, "2004-01-15", "Used for the South London consortium."),
            ("bexley", ADOPTED, "2025-03-01", ""),
            ("peabody-trust", EVALUATING, "2025-07-01", ""),
            ("sutton", DECLINED, "2025-04-10", "Our contract runs until 2027."),
        ],
    },
    {
        "title": "West London secure network business case",
        "project": "West London Secure Network",
        "kind": ProductKind.BUSINESS_CASE,
        "summary": "The business case for a shared secure network among the West London "
        "boroughs: options, costs, savings and the governance that made it work.",
        "paper": "West London Alliance secure network: business case",
        "licence": OGL,
        "take_ups": [
            ("ealing", ADOPTED, "2003-05-01", ""),
            ("hounslow", ADOPTED, "2003-05-01", ""),
            ("hillingdon", EVALUATING, "2025-02-20", ""),
        ],
    },
    {
        "title": "Fire safety inspection app",
        "project": "Fire Safety Inspection App for Boroughs and the Fire Brigade",
        "kind": ProductKind.SOFTWARE,
        "summary": "A mobile app for joint fire safety inspections: inspectors from the "
        "borough and the brigade record one visit, with photographs, offline.",
        "url": "https://github.example.org/lfb/fire-safety-inspections",
        "licence": "MIT licence (source code); OGL for the inspection forms",
        "take_ups": [
            ("southwark", ADOPTED, "2025-05-20", ""),
            ("lambeth", EVALUATING, "2025-08-11", "Trying it with our housing inspectors."),
        ],
    },
    {
        "title": "Street works open data pipeline",
        "project": "Open Data Pipeline for Street Works",
        "kind": ProductKind.SOFTWARE,
        "summary": "Software that publishes street works permits as open data every hour, "
        "with a map and a feed for each borough.",
        "url": "https://github.example.org/tfl/street-works-open-data",
        "licence": "Apache License 2.0",
        "take_ups": [
            ("westminster", ADOPTED, "2025-02-01", ""),
            ("camden", ADOPTED, "2025-03-15", ""),
            ("hackney", EVALUATING, "2025-10-01", ""),
        ],
    },
    {
        "title": "Responding to a cyber attack: a playbook for boroughs",
        "project": "Cyber Security Resilience Programme for London Boroughs",
        "kind": ProductKind.TRAINING_PACK,
        "summary": "Exercises, checklists and a first-72-hours plan for a borough hit by a "
        "cyber attack, written with boroughs that have been.",
        "paper": "Responding to a cyber attack: guidance for London boroughs",
        "url": "https://cyber.example.org/london-playbook",
        "licence": OGL,
        "take_ups": [
            ("newham", ADOPTED, "2025-04-22", "Run as a tabletop exercise with our IT team."),
            ("tower-hamlets", ADOPTED, "2025-06-05", ""),
            ("redbridge", EVALUATING, "2025-09-18", ""),
            ("greenwich", ADOPTED, "2025-05-30", ""),
        ],
    },
    {
        "title": "Digital skills training pack for volunteers",
        "project": "Voluntary Sector Digital Skills Programme",
        "kind": ProductKind.TRAINING_PACK,
        "summary": "Session plans and handouts for volunteers who help residents get online, "
        "from first steps to using council services.",
        "url": "https://lvsc.example.org/digital-skills-pack",
        "licence": "Creative Commons Attribution 4.0",
        "take_ups": [
            ("communities-online", ADOPTED, "2025-03-03", ""),
            ("tower-hamlets", EVALUATING, "2025-07-07", ""),
        ],
    },
    {
        "title": "Customer relationship management business case",
        "project": "Newham Customer Relationship Management System",
        "kind": ProductKind.BUSINESS_CASE,
        "summary": "Newham's business case for a council-wide CRM system, with the benefits "
        "model used to track savings in its first three years.",
        "url": "https://newham.example.org/crm-business-case",
        "licence": "Free to other public bodies on request",
        "take_ups": [
            ("waltham-forest", ADOPTED, "2003-06-01", ""),
            ("barking-and-dagenham", EVALUATING, "2003-09-01", ""),
        ],
    },
    {
        "title": "Smart card interoperability specification",
        "project": "Newham Smart Card Pathfinder",
        "kind": ProductKind.SPECIFICATION,
        "summary": "The card layout and application standard that lets one resident's card "
        "work in libraries, leisure centres and on school meals.",
        "url": "https://newham.example.org/smart-card-specification",
        "licence": OGL,
        "publication": PublicationStatus.DRAFT,
        "take_ups": [],
    },
]


def check_data() -> list[str]:
    problems = []
    titles = [item["title"] for item in PRODUCTS]
    if len(set(titles)) != len(titles):
        problems.append("a product title appears twice")
    for item in PRODUCTS:
        organisations = [slug for slug, *_rest in item["take_ups"]]
        if len(set(organisations)) != len(organisations):
            problems.append(f"{item['title']}: an organisation takes it up twice")
        if not item.get("url") and not item.get("paper"):
            problems.append(f"{item['title']}: needs a link or a paper")
    return problems


def load_products(command) -> None:
    """Load the demo products and their take-up with ``command``'s helpers (load_demo's)."""
    if problems := check_data():
        raise CommandError("The demo products are inconsistent:\n  " + "\n  ".join(problems))
    projects = {project.title: project for project in Project.objects.all()}
    papers = {paper.title: paper for paper in Paper.objects.defer("full_text", "public_text")}
    for item in PRODUCTS:
        project = projects.get(item["project"])
        if project is None:
            raise CommandError(f"{item['title']}: no demo project {item['project']!r}")
        paper_title = item.get("paper")
        if paper_title and paper_title not in papers:
            raise CommandError(f"{item['title']}: no demo paper {paper_title!r}")
        product = command.upsert(
            "products",
            Product,
            {"title": item["title"]},
            {
                "project": project,
                "kind": item["kind"],
                "summary": item["summary"],
                "url": item.get("url", ""),
                "paper": papers[paper_title] if paper_title else None,
                "licence": item["licence"],
                "publication_status": item.get("publication", PublicationStatus.PUBLISHED),
            },
        )
        for slug, status, dated, note in item["take_ups"]:
            organisation = command.organisation(slug)
            if organisation.pk == project.lead_organisation_id:
                raise CommandError(f"{item['title']}: {slug} leads the project")
            command.upsert(
                "product take-ups",
                TakeUp,
                {"product": product, "organisation": organisation},
                {"status": status, "date": date.fromisoformat(dated), "note": note},
            )
