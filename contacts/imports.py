"""The contacts register as a spreadsheet: the columns an officer imports and exports in the
admin (registers.imports does the rest)."""

from partners.models import Group, Organisation
from registers.imports import (
    Choice,
    DateCell,
    ManyNamed,
    OneNamed,
    RegisterResource,
    Text,
    Themes,
    column,
)
from registers.models import PublicationStatus

from .models import Contact


def consent(field):
    return column(Contact, field, DateCell("date"))


class ContactResource(RegisterResource):
    owner_field = "organisation"

    title = column(Contact, "title", Text())
    slug = column(Contact, "slug", Text())
    job_title = column(Contact, "job_title", Text())
    organisation = column(Contact, "organisation", OneNamed(Organisation, "organisation"))
    publication_status = column(
        Contact,
        "publication_status",
        Choice(PublicationStatus.choices, "publication status"),
    )
    email = column(Contact, "email", Text())
    email_consent_on = consent("email_consent_on")
    telephone = column(Contact, "telephone", Text())
    telephone_consent_on = consent("telephone_consent_on")
    biography = column(Contact, "biography", Text())
    biography_consent_on = consent("biography_consent_on")
    groups = column(Contact, "groups", ManyNamed(Group, "group"))
    tags = column(Contact, "tags", Themes())

    class Meta:
        model = Contact
        name = "Contacts"
        fields = (
            "title",
            "slug",
            "job_title",
            "organisation",
            "publication_status",
            "email",
            "email_consent_on",
            "telephone",
            "telephone_consent_on",
            "biography",
            "biography_consent_on",
            "groups",
            "tags",
        )
