"""The funding register as a spreadsheet: the columns an officer imports and exports in the
admin (registers.imports does the rest)."""

from contacts.models import Contact
from partners.models import Organisation, Sector
from registers.imports import (
    Amount,
    Choice,
    DateCell,
    ManyNamed,
    OneNamed,
    RegisterResource,
    Text,
    Themes,
    column,
    text_of,
)
from registers.models import PublicationStatus

from .models import Currency, FundingSource, Origin


class FundingSourceResource(RegisterResource):
    owner_field = "owner"
    required = ("summary",)

    title = column(FundingSource, "title", Text())
    slug = column(FundingSource, "slug", Text())
    summary = column(FundingSource, "summary", Text())
    description = column(FundingSource, "description", Text())
    publication_status = column(
        FundingSource,
        "publication_status",
        Choice(PublicationStatus.choices, "publication status"),
    )
    owner = column(FundingSource, "owner", OneNamed(Organisation, "organisation"))
    funder_organisation = column(
        FundingSource, "funder_organisation", OneNamed(Organisation, "funder organisation")
    )
    funder_name = column(FundingSource, "funder_name", Text())
    origin = column(FundingSource, "origin", Choice(Origin.choices, "origin"))
    programme = column(FundingSource, "programme", Text())
    eligible_sectors = column(FundingSource, "eligible_sectors", ManyNamed(Sector, "sector"))
    eligibility = column(FundingSource, "eligibility", Text())
    tags = column(FundingSource, "tags", Themes())
    currency = column(FundingSource, "currency", Choice(Currency.choices, "currency"))
    amount_min = column(FundingSource, "amount_min", Amount("smallest award"))
    amount_max = column(FundingSource, "amount_max", Amount("largest award"))
    match_funding_percent = column(
        FundingSource, "match_funding_percent", Amount("percentage", whole=True)
    )
    opens_on = column(FundingSource, "opens_on", DateCell("opening date"))
    closes_on = column(FundingSource, "closes_on", DateCell("closing date"))
    url = column(FundingSource, "url", Text())
    contact = column(FundingSource, "contact", OneNamed(Contact, "contact", label="title"))
    enquiries = column(FundingSource, "enquiries", Text())

    class Meta:
        model = FundingSource
        name = "Funding sources"
        fields = (
            "title",
            "slug",
            "summary",
            "description",
            "publication_status",
            "owner",
            "funder_organisation",
            "funder_name",
            "origin",
            "programme",
            "eligible_sectors",
            "eligibility",
            "tags",
            "currency",
            "amount_min",
            "amount_max",
            "match_funding_percent",
            "opens_on",
            "closes_on",
            "url",
            "contact",
            "enquiries",
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance._contact_before = None if new else instance.contact_id

    def check_row(self, instance, row, errors) -> None:
        contact = instance.contact
        if (
            "contact" not in errors
            and contact is not None
            and contact.pk != instance._contact_before
            and contact.publication_status != PublicationStatus.PUBLISHED
        ):
            # As the admin form's picker: published people only, and the one already chosen.
            # Refused as unknown, so a preview does not tell that a draft exists.
            errors["contact"] = [
                f"unknown contact “{text_of(row.get(self.fields['contact'].column_name))}”: "
                "use the name or web address of one in the register."
            ]
        dates_read = "opens_on" not in errors and "closes_on" not in errors
        closes = instance.closes_on
        if dates_read and instance.opens_on and closes and closes < instance.opens_on:
            errors["closes_on"] = [
                f"closes before it opens: closing date {instance.closes_on:%d/%m/%Y}, opening "
                f"date {instance.opens_on:%d/%m/%Y}."
            ]
