from django import forms
from django.contrib import admin
from django.db.models import Q

from papers.models import Paper
from registers.admin import OrganisationScopedAdmin, can_edit_all_organisations, organisation_of
from registers.forms import RegisterEntryAdminForm, date_hint
from registers.models import PublicationStatus
from registers.widgets import TypeaheadSelectMultiple

from .admin_bookings import EventBookingsAdminMixin
from .models import Event
from .views import EventDetailView

# Said of every date and time (the model says what each one is for).
WHEN_HINT = "London time: the date {example}, the time on a 24-hour clock, for example 14:30."


class EventAdminForm(RegisterEntryAdminForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "description",
            "publication_status",
            "organiser",
            "group",
            "tags",
            "sub_regions",
            "audience",
            "starts_at",
            "ends_at",
            "online",
            "venue",
            "address",
            "joining_url",
            "capacity",
            "booking_opens_at",
            "booking_closes_at",
            "papers",
            "attended",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every date and time says how to type it (London time, whatever the season).
        example = date_hint().removeprefix("For example, ").rstrip(".")
        hint = WHEN_HINT.format(example=f"as {example}")
        for name in ("starts_at", "ends_at", "booking_opens_at", "booking_closes_at"):
            if name in self.fields:
                field = self.fields[name]
                own = "" if str(field.help_text) == "London time." else str(field.help_text)
                field.help_text = " ".join(text for text in [own, hint] if text)

    def clean(self):
        cleaned = super().clean()
        # Beside the field concerned, not only at the top of the form (the constraints'
        # own messages).
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", "The end must not be before the start.")
        opens, closes = cleaned.get("booking_opens_at"), cleaned.get("booking_closes_at")
        if opens and closes and closes < opens:
            self.add_error("booking_closes_at", "Booking must not close before it opens.")
        if not cleaned.get("online") and not cleaned.get("venue") and "venue" not in self.errors:
            self.add_error("venue", "Give the venue, or tick 'held online'.")
        self.clean_capacity_against_bookings(cleaned.get("capacity"))
        return cleaned

    def clean_capacity_against_bookings(self, capacity: int | None) -> None:
        # No place is taken from someone who has one (nothing here tells them), and 0 would
        # read "Not limited" on the page while every booking went to the waiting list.
        if capacity is None:
            return
        if capacity < 1:
            self.add_error("capacity", "Give at least one place, or leave it blank for no limit.")
            return
        booked = self.instance.bookings.booked().count() if self.instance.pk else 0
        if capacity < booked:
            who = "1 person has a place" if booked == 1 else f"{booked} people have places"
            places = "place" if booked == 1 else "places"
            self.add_error(
                "capacity",
                f"{who} already: give at least {booked} {places}, or leave it blank for no limit.",
            )


@admin.register(Event)
class EventAdmin(EventBookingsAdminMixin, OrganisationScopedAdmin):
    """An officer lists, edits and restores the events their organisation organises, and no
    other; editors all of them."""

    form = EventAdminForm
    preview_view = EventDetailView
    owner_field = "organiser"
    list_display = ["title", "kind", "starts_at", "organiser", "audience", "publication_status"]
    list_filter = ["publication_status", "kind", "audience", "online", "sub_regions"]
    list_select_related = ["organiser"]
    search_fields = ["title", "summary", "venue", "organiser__name"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "kind", "summary", "description", "publication_status"]},
        ),
        ("Who and for whom", {"fields": ["organiser", "group", "tags", "sub_regions", "audience"]}),
        ("When", {"fields": ["starts_at", "ends_at"]}),
        ("Where", {"fields": ["online", "venue", "address", "joining_url"]}),
        ("Places and booking", {"fields": ["capacity", "booking_opens_at", "booking_closes_at"]}),
        ("After the event", {"fields": ["papers", "attended"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "papers":
            # Published papers, and the officer's own organisation's drafts, found by typing.
            visible = Q(publication_status=PublicationStatus.PUBLISHED)
            own = organisation_of(request.user)
            if can_edit_all_organisations(request.user):
                visible = Q()
            elif own is not None:
                visible |= Q(organisation=own)
            kwargs["queryset"] = (
                Paper.objects.filter(visible).defer("full_text", "public_text").order_by("title")
            )
            kwargs["widget"] = TypeaheadSelectMultiple(attrs={"data-picker-noun": "paper"})
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            # The widget says how to choose several, with or without the type-ahead.
            field.help_text = db_field.help_text
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)
