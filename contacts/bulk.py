"""Plausible contacts in bulk, for benchmarks (``manage.py seed_bulk --contacts N``)."""

import datetime
import random

from taggit.models import Tag

from partners.demo_data import THEMES
from partners.models import Group, Organisation
from registers.bulk import reseed
from registers.models import PublicationStatus

from .models import Contact, ContactTheme

PREFIX = "bulk-contact-"
GIVEN = ["Amira", "Ben", "Chloe", "Dev", "Elena", "Femi", "Gita", "Harry", "Ines", "Jon", "Kofi"]
FAMILY = ["Ahmed", "Brown", "Chen", "Davies", "Evans", "Fofana", "Green", "Hussain", "Ivanova"]
ROLES = [
    "E-Government Officer",
    "Head of IT",
    "Web Manager",
    "Information Governance Lead",
    "Customer Services Manager",
    "Programme Manager",
    "GIS Officer",
    "Procurement Officer",
]


def seed_contacts(count: int, *, seed: int = 2002, batch_size: int = 5000) -> int:
    rng = random.Random(seed)
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    groups = list(Group.objects.values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=name)[0].pk for name in THEMES]
    through_groups = Contact.groups.through
    consented = datetime.date(2026, 9, 1)
    now = datetime.datetime.now(datetime.UTC)

    def make_contact(number):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        consent = rng.random()
        return Contact(
            title=f"{name} {number}",
            slug=f"{PREFIX}{number}",
            job_title=rng.choice(ROLES),
            organisation_id=rng.choice(organisations),
            email=f"{name.lower().replace(' ', '.')}.{number}@partner.example.org",
            email_consent_on=consented if consent > 0.3 else None,
            telephone=f"020 7946 0{number % 1000:03d}",
            telephone_consent_on=consented if consent > 0.6 else None,
            biography=f"Works on {rng.choice(THEMES)} across London's partners.",
            publication_status=PublicationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=count - number),
        )

    def contact_links(created):
        for contact in created:
            for group in rng.sample(groups, rng.randint(0, 2)) if groups else []:
                yield through_groups(contact_id=contact.pk, group_id=group)
            for tag in rng.sample(tags, rng.randint(1, 3)):
                yield ContactTheme(tag_id=tag, content_object_id=contact.pk)

    return reseed(
        Contact,
        PREFIX,
        count,
        make_entry=make_contact,
        link_rows=contact_links,
        batch_size=batch_size,
    )
