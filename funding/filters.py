import django_filters
from django import forms
from django.db.models import F, Q

from partners.filters import theme_filter
from partners.models import Sector
from registers.filters import (
    ChoicesFilter,
    MultipleRelationFilter,
    RegisterFilterSet,
    YearFilter,
    not_known_message,
)

from .models import Currency, FundingSource, FundStatus, Origin


def amount_filter(label: str, method: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        label=label,
        method=method,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        error_messages={
            "invalid": "Enter an amount as a number, like 50000.",
            "min_value": "Enter an amount of 0 or more.",
            "max_digits": "Enter a smaller amount.",
            "max_decimal_places": "Enter an amount with no more than 2 decimal places.",
            "max_whole_digits": "Enter a smaller amount.",
            "max_value": "Enter a smaller amount.",
        },
    )


class FundingFilterSet(RegisterFilterSet):
    status = ChoicesFilter(
        label="Open or closed",
        field_name="fund_status",  # computed from the dates: FundingQuerySet.with_status
        choices=FundStatus.choices,
        error_messages=not_known_message("status"),
    )
    origin = ChoicesFilter(
        label="Where the money comes from",
        choices=Origin.choices,
        error_messages=not_known_message("origin"),
    )
    sector = MultipleRelationFilter(
        label="Sector that may apply",
        paths=("eligible_sectors",),
        by_count=False,
        empty_means_all=True,
        queryset=Sector.objects.all(),
        error_messages=not_known_message("sector"),
    )
    theme = theme_filter()
    currency = ChoicesFilter(
        label="Currency",
        choices=Currency.choices,
        error_messages=not_known_message("currency"),
    )
    # Amounts are compared in each fund's own currency; the currency facet narrows to one.
    amount_from = amount_filter("Awards of at least", "filter_amount_from")
    amount_to = amount_filter("Awards of at most", "filter_amount_to")
    opens_in = YearFilter(label="Opens in (year)", queryset_method="opens_in")
    closes_in = YearFilter(label="Closes in (year)", queryset_method="closes_in")

    sort_options = {
        # Live funds by closing date, rolling ones after them, closed funds last.
        "closing": ("Closing date", ["is_closed", F("closes_on").asc(nulls_last=True)]),
        "newest": ("Newest first", ["-published_at"]),
        "title": ("Title A to Z", ["title"]),
    }

    class Meta:
        model = FundingSource
        fields = [
            "q",
            "status",
            "origin",
            "sector",
            "theme",
            "currency",
            "amount_from",
            "amount_to",
            "opens_in",
            "closes_in",
        ]

    def filter_amount_from(self, queryset, name, value):
        """Funds that can award at least ``value``: their largest award reaches it, or they
        state no largest award ("from £1,000")."""
        return queryset.filter(
            Q(amount_max__gte=value) | Q(amount_max__isnull=True, amount_min__isnull=False)
        )

    def filter_amount_to(self, queryset, name, value):
        """Funds that can award ``value`` or less: their smallest award is within it, or they
        state no smallest award ("up to £20,000")."""
        return queryset.filter(
            Q(amount_min__lte=value) | Q(amount_min__isnull=True, amount_max__isnull=False)
        )
