"""Factories of the product register; states are subclasses (PublishedProductFactory)."""

import datetime

import factory

from products.models import Product, ProductKind, TakeUp, TakeUpStatus
from registers.models import PublicationStatus
from tests.factories import OrganisationFactory, PublishedProjectFactory


class ProductFactory(factory.django.DjangoModelFactory):
    """A draft product of a published project, with a link."""

    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"Shared specification {n}")
    project = factory.SubFactory(PublishedProjectFactory)
    kind = ProductKind.SPECIFICATION
    summary = "A specification other boroughs can reuse."
    url = factory.Sequence(lambda n: f"https://product{n}.example.org/")
    licence = "Open Government Licence v3.0"
    publication_status = PublicationStatus.DRAFT


class PublishedProductFactory(ProductFactory):
    publication_status = PublicationStatus.PUBLISHED


class TakeUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TakeUp

    product = factory.SubFactory(PublishedProductFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = TakeUpStatus.ADOPTED
    date = datetime.date(2025, 6, 1)
