"""schema.org JSON-LD for detail pages: what search engines and other sites can read of an
entry. Only what the page shows the public goes in: a person's telephone and biography only
with their consent, and never their e-mail address, which the page keeps from harvesters.
``{% json_ld object %}`` (registers.templatetags.structured_data) writes it."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.html import strip_tags

CONTEXT = "https://schema.org"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def organisation(org) -> dict:
    data = {"@type": "Organization", "name": org.name, "url": absolute(org.get_absolute_url())}
    if org.website:
        data["sameAs"] = org.website
    return data


def themes(entry) -> str:
    return ", ".join(tag.name for tag in entry.tags.all())


def project(entry) -> dict:
    data = {
        "@type": "Project",
        "name": entry.title,
        "description": entry.summary,
        "url": absolute(entry.get_absolute_url()),
        "parentOrganization": organisation(entry.lead_organisation),
        "member": [organisation(org) for org in entry.partner_organisations.all()],
        "keywords": themes(entry),
    }
    if entry.start_date:
        data["foundingDate"] = entry.start_date.isoformat()
    if entry.end_date:
        data["dissolutionDate"] = entry.end_date.isoformat()
    return data


def partner(org) -> dict:
    data = organisation(org)
    if org.description:
        data["description"] = org.description
    if org.sub_region:
        data["areaServed"] = f"{org.sub_region.name} London"
    return data


def person(contact) -> dict:
    shown = contact.shown_to(AnonymousUser())
    data = {
        "@type": "Person",
        "name": contact.name,
        "jobTitle": contact.job_title,
        "worksFor": organisation(contact.organisation),
        "url": absolute(contact.get_absolute_url()),
    }
    # Never the e-mail address: the page keeps it from harvesters behind a link.
    for field, key in (("telephone", "telephone"), ("biography", "description")):
        if field in shown:
            data[key] = shown[field]
    return data


def grant(fund) -> dict:
    funder = fund.funder_organisation
    data = {
        "@type": "MonetaryGrant",
        "name": fund.title,
        "description": fund.summary,
        "url": absolute(fund.get_absolute_url()),
        "funder": organisation(funder)
        if funder
        else {"@type": "Organization", "name": fund.funder_name or "Not stated"},
    }
    if fund.amount_min is not None or fund.amount_max is not None:
        amount = {"@type": "MonetaryAmount", "currency": fund.currency}
        if fund.amount_min is not None:
            amount["minValue"] = float(fund.amount_min)
        if fund.amount_max is not None:
            amount["maxValue"] = float(fund.amount_max)
        data["amount"] = amount
    if fund.url:
        data["sameAs"] = fund.url
    return data


def document(paper) -> dict:
    data = {
        "@type": "DigitalDocument",
        "name": paper.title,
        "description": paper.summary,
        "url": absolute(paper.get_absolute_url()),
        "datePublished": paper.date.isoformat(),
        "author": organisation(paper.organisation),
        "keywords": themes(paper),
        "isAccessibleForFree": not paper.is_partners_only,
    }
    info = paper.file_type_info
    if info:
        data["encodingFormat"] = info.content_type
    return data


def posting(topic) -> dict:
    author = topic.author
    first = topic.posts.shown().order_by("created_at", "pk").first()
    return {
        "@type": "DiscussionForumPosting",
        "headline": topic.subject,
        "url": absolute(topic.get_absolute_url()),
        "datePublished": topic.created_at.isoformat(),
        "author": {"@type": "Person", "name": author.get_full_name() or author.get_username()},
        "text": strip_tags(first.body_html).strip() if first else topic.subject,
        "commentCount": topic.reply_count,
        "isPartOf": {
            "@type": "WebPage",
            "name": topic.forum.name,
            "url": absolute(topic.forum.get_absolute_url()),
        },
    }


def reusable(product) -> dict:
    """A project's product: software as a SoftwareApplication, anything else a CreativeWork."""
    data = {
        "@type": "SoftwareApplication" if product.is_software else "CreativeWork",
        "name": product.title,
        "description": product.summary,
        "url": absolute(product.get_absolute_url()),
        "license": product.licence,
        "creator": organisation(product.project.lead_organisation),
        "isPartOf": {
            "@type": "Project",
            "name": product.project.title,
            "url": absolute(product.project.get_absolute_url()),
        },
        "keywords": themes(product.project),
    }
    if product.url:
        data["sameAs"] = product.url
    return data


def event(entry) -> dict:
    """An event, its times with their London offset (+01:00 in summer, +00:00 in winter)."""
    data = {
        "@type": "Event",
        "name": entry.title,
        "description": entry.summary,
        "url": absolute(entry.get_absolute_url()),
        "startDate": timezone.localtime(entry.starts_at).isoformat(),
        "endDate": timezone.localtime(entry.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": organisation(entry.organiser),
        "keywords": themes(entry),
    }
    if entry.online:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        # The joining link is for those booked: the place is the event's own page.
        data["location"] = {"@type": "VirtualLocation", "url": data["url"]}
    else:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        data["location"] = {"@type": "Place", "name": entry.venue}
        if entry.address:
            data["location"]["address"] = {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(
                    line.strip() for line in entry.address.splitlines() if line.strip()
                ),
                "addressLocality": "London",
                "addressCountry": "GB",
            }
    if entry.capacity:
        data["maximumAttendeeCapacity"] = entry.capacity
    return data


BUILDERS: dict[str, Callable[[object], dict]] = {
    "projects.project": project,
    "partners.organisation": partner,
    "contacts.contact": person,
    "funding.fundingsource": grant,
    "papers.paper": document,
    "forums.topic": posting,
    "products.product": reusable,
    "events.event": event,
}


def json_ld(entry) -> dict:
    return {"@context": CONTEXT, **BUILDERS[entry._meta.label_lower](entry)}
