import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from registers.admin import organisation_of
from registers.exports import Column, names
from registers.filters import form_errors
from registers.views import RegisterDetailView, RegisterListView

from . import services
from .filters import ProductFilterSet
from .forms import TakeUpForm
from .models import Product, TakeUp, TakeUpStatus


class ProductListView(RegisterListView):
    alert_register = "products"
    model = Product
    filterset_class = ProductFilterSet
    template_name = "products/product_list.html"
    context_object_name = "products"
    export_filename = "londonconnects-products"
    entry_noun = "product"
    feed_url_name = "products:feed"
    export_columns = [
        Column("title", lambda p: p.title),
        Column("url", lambda p: p.get_absolute_url()),
        Column("type", lambda p: p.get_kind_display()),
        Column("summary", lambda p: p.summary),
        Column("project", lambda p: p.project.title),
        Column("project_url", lambda p: p.project.get_absolute_url()),
        Column("lead_organisation", lambda p: p.project.lead_organisation.name),
        Column("themes", lambda p: names(p.project.tags), list[str]),
        Column("link", lambda p: p.url),
        Column("paper_url", lambda p: p.paper.get_absolute_url() if p.paper else ""),
        Column("licence", lambda p: p.licence),
        Column("taken_up_count", lambda p: p.taken_up_count, int),
        Column(
            "taken_up_by", lambda p: [take.organisation.name for take in p.taking_up], list[str]
        ),
        Column("published_at", lambda p: p.published_at, datetime.datetime | None),
    ]

    def get_base_queryset(self):
        # Counted here, not only in for_list: "Most taken up" sorts by it whatever the rows.
        return super().get_base_queryset().with_take_up_count()


class ProductDetailView(RegisterDetailView):
    model = Product
    template_name = "products/product_detail.html"
    context_object_name = "product"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        take_ups = list(self.object.take_ups.all())
        context["taking_up"] = [take for take in take_ups if take.is_taking_up]
        context["declined"] = [take for take in take_ups if not take.is_taking_up]
        return context


# What a take-up says of its organisation, in a sentence.
DOING = {
    TakeUpStatus.EVALUATING: "is evaluating",
    TakeUpStatus.ADOPTED: "has adopted",
    TakeUpStatus.DECLINED: "has declined",
}


def take_up_form(request, *, slug: str, product_id: int, lead_id: int) -> str:
    """The visitor's own part of a product's page: record or change their organisation's
    take-up (a personal part of the shared page, with its CSRF token)."""
    organisation = organisation_of(request.user) if request.user.is_authenticated else None
    current = None
    if organisation is not None:
        current = TakeUp.objects.filter(product_id=product_id, organisation=organisation).first()
    context = {
        "slug": slug,
        "user_organisation": organisation,
        "is_lead": organisation is not None and organisation.pk == lead_id,
        "current": current,
        "statuses": TakeUpStatus.choices,
        "chosen_status": current.status if current else "",
        "chosen_date": (current.date if current else timezone.localdate()).isoformat(),
        "note": current.note if current else "",
        "today": timezone.localdate().isoformat(),
    }
    return render_to_string("products/_take_up_form.html", context, request=request)


@require_POST
@login_required
def take_up(request, slug):
    product = get_object_or_404(
        Product.objects.published().select_related("project__lead_organisation"), slug=slug
    )
    organisation = organisation_of(request.user)
    if organisation is None:
        raise PermissionDenied("Only accounts that belong to a partner organisation can do this.")
    # Take-up is recorded only for the officer's own organisation: naming another, in the
    # form or in the address, is refused outright.
    for named in (request.POST.get("organisation"), request.GET.get("organisation")):
        if named is not None and named != str(organisation.pk):
            raise PermissionDenied("You can record take-up only for your own organisation.")
    # Said in the take-up section (templates/_messages.html), where the page opens.
    here = {"extra_tags": "take-up"}
    back = redirect(product.get_absolute_url() + "#take-up-message")
    form = TakeUpForm(request.POST)
    if not form.is_valid():
        for problem in form_errors(form):
            messages.error(request, problem, **here)
        return back
    try:
        take, changed = services.record_take_up(
            product=product, organisation=organisation, user=request.user, **form.cleaned_data
        )
    except services.TakeUpRefused as refusal:
        messages.error(request, str(refusal), **here)
        return back
    said = f"{organisation} {DOING[take.status]} this product"
    if changed:
        messages.success(request, f"Recorded: {said}.", **here)
    else:
        messages.info(request, f"Already recorded: {said}. Nothing was changed.", **here)
    return back
