import pytest
from django.core.management import call_command
from django.db.models import F

from products.models import Product, TakeUp
from tests.products.factories import PublishedProductFactory, TakeUpFactory

pytestmark = pytest.mark.django_db


def test_seed_bulk_makes_products_with_take_up_and_replaces_its_own_rows_only(capsys):
    demo = TakeUpFactory(product=PublishedProductFactory(title="Demo product"))
    call_command("seed_bulk", projects=20)

    call_command("seed_bulk", products=30)
    assert Product.objects.published().filter(slug__startswith="bulk-product-").count() == 30
    bulk_take_ups = TakeUp.objects.filter(product__slug__startswith="bulk-product-")
    assert bulk_take_ups.exists()
    # Never by the lead of its own product's project.
    assert not bulk_take_ups.filter(organisation=F("product__project__lead_organisation")).exists()

    call_command("seed_bulk", products=10)
    assert Product.objects.filter(slug__startswith="bulk-product-").count() == 10

    # Reseeding the projects takes their products and those products' take-up with them.
    call_command("seed_bulk", projects=15)
    assert not Product.objects.filter(slug__startswith="bulk-product-").exists()
    assert list(TakeUp.objects.all()) == [demo]
    assert "10 products" in capsys.readouterr().out


def test_products_need_bulk_projects_first():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="seed --projects first"):
        call_command("seed_bulk", products=5)
