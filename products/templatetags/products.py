"""The product register's parts of other registers' pages, so that neither the project
register nor the partners need to know the products exist: ``{% products_of project %}`` on
a project's page, ``{% take_up_counts organisation %}`` on an organisation's. Each costs a
fixed number of queries."""

from django import template

from products.models import Product, TakeUp

register = template.Library()


@register.inclusion_tag("products/_project_products.html")
def products_of(project):
    products = (
        Product.objects.published()
        .filter(project=project)
        .for_project_page()
        .order_by("title", "pk")
    )
    return {"products": list(products), "project": project}


@register.inclusion_tag("products/_take_up_counts.html")
def take_up_counts(organisation):
    taken = TakeUp.objects.public().taking_up()
    return {
        "organisation": organisation,
        "took_up": taken.filter(organisation=organisation).count(),
        "taken_from_it": Product.objects.published()
        .filter(project__lead_organisation=organisation)
        .filter(pk__in=taken.values("product"))
        .count(),
    }
