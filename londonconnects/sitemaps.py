"""/sitemap.xml (Django's sitemaps framework): every public page a crawler should find, one
section per register, and nothing the public cannot see (drafts, hidden or partners-only
topics, partners-only events, unpublished reviews)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from contacts.models import Contact
from eindex.models import Section
from events.models import Event
from forums.models import Forum, Topic
from forums.models import Visibility as ForumVisibility
from funding.models import FundingSource
from papers.models import Paper
from partners.models import Group, Organisation
from products.models import Product
from projects.models import Project
from reviews.models import Review


class RegisterSitemap(Sitemap):
    """The published entries of one register, in a stable order for paging."""

    model = None
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, entry):
        return entry.updated_at


class ProjectSitemap(RegisterSitemap):
    model = Project


class ProductSitemap(RegisterSitemap):
    model = Product


class EventSitemap(RegisterSitemap):
    model = Event

    def items(self):
        return Event.objects.public().only("slug", "updated_at").order_by("pk")


class ContactSitemap(RegisterSitemap):
    model = Contact


class FundingSitemap(RegisterSitemap):
    model = FundingSource


class PaperSitemap(RegisterSitemap):
    model = Paper


class PartnerSitemap(Sitemap):
    """Organisations and groups: always public."""

    changefreq = "monthly"

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.only("slug").order_by("pk")


class TopicSitemap(Sitemap):
    changefreq = "daily"
    limit = 10000

    def items(self):
        return (
            Topic.objects.shown()
            .filter(forum__visibility=ForumVisibility.PUBLIC)
            .select_related("forum")
            .only("pk", "last_post_at", "forum__slug")
            .order_by("pk")
        )

    def lastmod(self, topic):
        return topic.last_post_at


class ForumSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Forum.objects.filter(visibility=ForumVisibility.PUBLIC).order_by("order", "pk")


class EindexSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Section.objects.order_by("order")


class ReviewSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return (
            Review.objects.published()
            .annotate(last_published=Max("editions__published_at"))
            .order_by("year")
        )

    def lastmod(self, review):
        return review.last_published


class PageSitemap(Sitemap):
    """The fixed pages: the home page and each register's list."""

    changefreq = "daily"

    def items(self):
        return [
            "home",
            "projects:list",
            "products:list",
            "events:list",
            "contacts:list",
            "funding:list",
            "papers:list",
            "forums:list",
            "forums:consultations",
            "eindex:index",
            "reviews:list",
            "partners:organisations",
            "partners:groups",
            "open_data",
            "accessibility",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "projects": ProjectSitemap,
    "products": ProductSitemap,
    "events": EventSitemap,
    "contacts": ContactSitemap,
    "funding": FundingSitemap,
    "papers": PaperSitemap,
    "organisations": PartnerSitemap(Organisation),
    "groups": PartnerSitemap(Group),
    "forums": ForumSitemap,
    "topics": TopicSitemap,
    "eindex": EindexSitemap,
    "reviews": ReviewSitemap,
}
