"""The contacts register: people engaged in London's e-government, and what each of them
agreed to publish.

People's details are personal data. E-mail, telephone and biography reach the public only
when the person's consent to publish each of them is recorded, with its date; signed-in
partners see the full entry. Every output (page, export, vCard, feed, search) asks
``Contact.shown_to(viewer)``, so the rule lives here once.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from partners.models import Group, Organisation, is_partner
from registers.fields import WebAddressField
from registers.history import RegisterHistory
from registers.links import HEALTH_FIELDS, LinkHealth
from registers.models import (
    LinksHistory,
    RegisterEntry,
    RegisterQuerySet,
    ThemesHistory,
)

CONSENTED_FIELDS = ("email", "telephone", "biography")


class ContactQuerySet(RegisterQuerySet):
    def for_list(self):
        return self.select_related("organisation__sub_region").prefetch_related("tags")

    def for_detail(self):
        return self.select_related(
            "organisation__sector", "organisation__sub_region"
        ).prefetch_related("tags", "groups", "links")

    def for_export(self):
        return self.select_related("organisation").prefetch_related("tags", "groups", "links")


class Contact(RegisterEntry):
    # RegisterEntry's title is the person's name here.
    title = models.CharField("name", max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts"
    )
    groups = models.ManyToManyField(
        Group, related_name="contacts", blank=True, help_text="Groups this person takes part in."
    )
    tags = TaggableManager(
        "areas of interest",
        through="ContactTheme",
        blank=True,
        help_text="Comma-separated themes.",
    )
    email = models.EmailField("e-mail", blank=True)
    email_consent_on = models.DateField("agreed to publish e-mail on", null=True, blank=True)
    telephone = models.CharField(max_length=40, blank=True)
    telephone_consent_on = models.DateField("agreed to publish telephone on", null=True, blank=True)
    biography = models.TextField("short biography", blank=True)
    biography_consent_on = models.DateField("agreed to publish biography on", null=True, blank=True)
    history = RegisterHistory(m2m_fields=[groups], bases=[ThemesHistory, LinksHistory])

    owner_field = "organisation"
    search_document = (
        ("title", "A"),
        ("job_title", "B"),
        ("organisation__name", "B"),
        ("tags__name", "C"),
    )

    objects = ContactQuerySet.as_manager()

    class Meta(RegisterEntry.Meta):
        verbose_name = "contact"
        # The list's default order (name A to Z) over what the public sees, read in order
        # instead of sorting every published contact for each page.
        indexes = [
            models.Index(
                fields=["title", "id"],
                condition=models.Q(publication_status="published"),
                name="contact_published_by_name",
            )
        ]

    def get_absolute_url(self):
        return reverse("contacts:detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.title

    def shown_to(self, viewer) -> dict[str, str]:
        """The personal details ``viewer`` may see: all of them for a signed-in partner,
        otherwise only those the person agreed to publish."""
        partner = is_partner(viewer)
        return {
            field: getattr(self, field)
            for field in CONSENTED_FIELDS
            if getattr(self, field) and (partner or getattr(self, f"{field}_consent_on"))
        }


class ContactTheme(TaggedItemBase):
    content_object = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="theme_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="contact_theme_once")
        ]


class ContactLink(LinkHealth):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=200)
    url = WebAddressField("web address", max_length=500)
    history = HistoricalRecords(excluded_fields=list(HEALTH_FIELDS))

    published_through = "contact"

    class Meta:
        ordering = ["pk"]
        verbose_name = "web link"

    def __str__(self):
        return self.label
