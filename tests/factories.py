"""factory_boy factories for every test; states are subclasses (PublishedProjectFactory)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as Role
from django.core.files.base import ContentFile
from django.utils import timezone

from contacts.models import Contact, ContactLink
from eindex.models import Link, Section, SubCategory
from forums.models import Forum, Topic
from funding.models import FundingSource, Origin
from papers import samples
from papers.models import Paper, PaperKind
from partners.models import Group, Membership, Organisation, Sector, SubRegion
from partners.roles import EDITOR, PARTNER_OFFICER, STEERING_GROUP
from projects.models import Programme, Project, ProjectInterest, ProjectLink, ProjectStatus
from registers.models import PublicationStatus
from reviews.models import Review
from reviews.models import Section as ReviewSection

PASSWORD = "a-long-test-password"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["slug"]

    slug = "local-authority"
    name = factory.LazyAttribute(lambda sector: sector.slug.replace("-", " ").capitalize())


class SubRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubRegion
        django_get_or_create = ["slug"]

    slug = "east"
    name = factory.LazyAttribute(lambda region: region.slug.capitalize())


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Partner {n}")
    slug = factory.Sequence(lambda n: f"test-partner-{n}")
    sector = factory.SubFactory(SectorFactory)
    # No web site unless a test gives one: check_links tests must never reach the internet.
    website = ""


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Partnership {n}")
    slug = factory.Sequence(lambda n: f"test-partnership-{n}")
    kind = Group.Kind.SUB_REGIONAL

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def finish(self, create, extracted, **kwargs):
        if create:
            self.save()


class MemberFactory(UserFactory):
    """A signed-in partner: an account that belongs to an organisation."""

    @factory.post_generation
    def organisation(self, create, extracted, **kwargs):
        if create:
            Membership.objects.create(user=self, organisation=extracted or OrganisationFactory())


class PartnerOfficerFactory(MemberFactory):
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Role.objects.get(name=PARTNER_OFFICER))


class EditorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Role.objects.get(name=EDITOR))


class SteeringMemberFactory(MemberFactory):
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Role.objects.get(name=STEERING_GROUP))


class RegisterEntryFactory(factory.django.DjangoModelFactory):
    """What every register entry's factory shares: themes given as a list of names."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class ProjectFactory(RegisterEntryFactory):
    """A draft project; see PublishedProjectFactory for what the public sees."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Joined-up service project {n}")
    summary = "Partners join up a service for residents."
    description = "A longer description of the project."
    programme = Programme.LOCAL
    status = ProjectStatus.ACTIVE
    lead_organisation = factory.SubFactory(OrganisationFactory)
    start_date = datetime.date(2002, 4, 1)
    publication_status = PublicationStatus.DRAFT

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_organisations.set(extracted)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.sub_regions.set(extracted)

    @factory.post_generation
    def in_sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class PublishedProjectFactory(ProjectFactory):
    publication_status = PublicationStatus.PUBLISHED


class ArchivedProjectFactory(ProjectFactory):
    publication_status = PublicationStatus.ARCHIVED


class ProjectLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectLink

    project = factory.SubFactory(PublishedProjectFactory)
    kind = ProjectLink.Kind.PROJECT_SITE
    label = "Project web site"
    url = "https://project.example.org/"


class ProjectInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectInterest

    project = factory.SubFactory(PublishedProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ContactFactory(RegisterEntryFactory):
    """A draft contact who has agreed to publish nothing; see the subclasses for states."""

    class Meta:
        model = Contact
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Alex Example {n}")
    job_title = "Head of e-government"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"alex.example{n}@council.example.org")
    telephone = "020 7946 0000"
    biography = "Leads the council's e-government programme."
    publication_status = PublicationStatus.DRAFT

    @factory.post_generation
    def in_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)


class PublishedContactFactory(ContactFactory):
    publication_status = PublicationStatus.PUBLISHED


class ConsentingContactFactory(PublishedContactFactory):
    """A published contact who agreed to publish every detail."""

    email_consent_on = factory.LazyFunction(timezone.localdate)
    telephone_consent_on = factory.LazyFunction(timezone.localdate)
    biography_consent_on = factory.LazyFunction(timezone.localdate)


class ArchivedContactFactory(ContactFactory):
    publication_status = PublicationStatus.ARCHIVED


class ContactLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactLink

    contact = factory.SubFactory(PublishedContactFactory)
    label = "Blog"
    url = "https://blog.example.org/"


class LinkFactory(RegisterEntryFactory):
    """A published e-index link, in the first section the migration made."""

    class Meta:
        model = Link
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Useful public site {n}")
    url = factory.Sequence(lambda n: f"https://site{n}.example.org/")
    description = "What you will find there."
    section = factory.LazyFunction(lambda: Section.objects.order_by("order").first())
    maintainer = "Government Digital Service"
    publication_status = PublicationStatus.PUBLISHED


class SubCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubCategory

    section = factory.LazyFunction(lambda: Section.objects.order_by("order").first())
    name = factory.Sequence(lambda n: f"Sub-category {n}")
    slug = factory.Sequence(lambda n: f"sub-category-{n}")


class FundingSourceFactory(RegisterEntryFactory):
    """A published fund, open now and closing in 60 days."""

    class Meta:
        model = FundingSource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"E-government fund {n}")
    summary = "Money for joined-up services."
    owner = factory.SubFactory(OrganisationFactory)
    funder_name = "HM Treasury"
    origin = Origin.UK_GOVERNMENT
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    publication_status = PublicationStatus.PUBLISHED

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.eligible_sectors.set(extracted)


class PaperFactory(RegisterEntryFactory):
    """A published public paper whose file is a real one-page PDF."""

    class Meta:
        model = Paper
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Partnership paper {n}")
    kind = PaperKind.GROUP_PAPER
    organisation = factory.SubFactory(OrganisationFactory)
    date = datetime.date(2003, 5, 1)
    summary = "What the partnership agreed."
    publication_status = PublicationStatus.PUBLISHED
    file = factory.LazyAttribute(
        lambda paper: ContentFile(
            samples.pdf(paper.title, ["The partners agreed a joint approach."]), name="paper.pdf"
        )
    )


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    description = "Partners discuss."


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic with its opening post, made the way members make them."""

    class Meta:
        model = Topic

    forum = factory.SubFactory(ForumFactory)
    subject = factory.Sequence(lambda n: f"Topic {n}")
    author = factory.SubFactory(MemberFactory)

    @classmethod
    def _create(cls, model_class, forum, subject, author, **kwargs):
        from forums import services

        topic = services.start_topic(
            forum=forum, author=author, subject=subject, body=kwargs.pop("body", "Opening post.")
        )
        if kwargs:
            Topic.objects.filter(pk=topic.pk).update(**kwargs)
            topic.refresh_from_db()
        return topic


class ReviewFactory(factory.django.DjangoModelFactory):
    """A draft review with one section."""

    class Meta:
        model = Review
        skip_postgeneration_save = True

    year = 2025
    title = factory.LazyAttribute(lambda review: f"E-activity in London, {review.year}")
    foreword = "The steering group **thanks** every partner."
    conference_name = "London e-Government Conference"
    conference_date = factory.LazyAttribute(lambda review: datetime.date(review.year + 1, 5, 20))
    conference_venue = "City Hall"

    @factory.post_generation
    def section(self, create, extracted, **kwargs):
        if create:
            ReviewSection.objects.create(
                review=self,
                order=1,
                heading="Joining up services",
                body=extracted or "Boroughs shared *more* services than ever.",
            )


class PublishedReviewFactory(ReviewFactory):
    """A review published once (edition 1, with its PDF) by a steering-group member."""

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if create:
            from reviews import services

            services.publish(self, by=SteeringMemberFactory())
            self.refresh_from_db()
