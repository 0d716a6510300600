"""Who booked: the list of an event's places and its waiting list, and its CSV, for the
people who may change the event in the admin (its organiser's partner officers, and editors)
and nobody else. Mixed into EventAdmin, whose organisation scope decides: another
organisation's event answers 403, as its change page does."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from registers.exports import Column, export_response

from .booking import fill_free_places
from .models import Booking, BookingStatus, Event

BOOKING_COLUMNS = [
    Column("name", lambda b: b.user.get_full_name() or b.user.get_username()),
    Column("organisation", lambda b: b.organisation.name if b.organisation else ""),
    Column("email", lambda b: b.user.email),
    Column("status", lambda b: b.get_status_display()),
    Column("booked_at", lambda b: b.created_at),
    Column("given_a_place_at", lambda b: b.offered_at),
]


def bookings_in_order(event: Event):
    """Places first, then the waiting list, each in the order asked."""
    waiting_last = Case(
        When(status=BookingStatus.BOOKED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Booking.objects.filter(event=event)
        .select_related("user", "organisation")
        .order_by(waiting_last, "created_at", "pk")
    )


class EventBookingsAdminMixin:
    """Adds ``<event>/bookings/`` (the list) and ``<event>/bookings/download/`` (CSV) to the
    event's admin, a link to them on its change page, and moves the waiting list up when the
    capacity is raised."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "<path:object_id>/bookings/",
                self.admin_site.admin_view(require_safe(self.bookings_view)),
                name="{}_{}_bookings".format(*info),
            ),
            path(
                "<path:object_id>/bookings/download/",
                self.admin_site.admin_view(require_safe(self.bookings_download)),
                name="{}_{}_bookings_download".format(*info),
            ),
        ]
        return own + super().get_urls()

    def event_for_bookings(self, request, object_id) -> Event:
        """The event, if the user may change it: another organisation's is a 403 (the scoped
        ``get_object``), and so is one they may only view (the steering group)."""
        event = self.get_object(request, object_id)
        if event is None:
            raise Http404("There is no such event.")
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        return event

    def bookings_view(self, request, object_id):
        event = self.event_for_bookings(request, object_id)
        bookings = list(bookings_in_order(event))
        booked = [b for b in bookings if b.status == BookingStatus.BOOKED]
        waiting = [b for b in bookings if b.status == BookingStatus.WAITING]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Bookings: {event}",
            "opts": self.opts,
            "original": event,
            "event": event,
            "booked": booked,
            "waiting": waiting,
            "places_left": None if event.capacity is None else max(event.capacity - len(booked), 0),
            "download_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_bookings_download",
                args=[event.pk],
            ),
        }
        return TemplateResponse(request, "admin/events/event/bookings.html", context)

    def bookings_download(self, request, object_id):
        event = self.event_for_bookings(request, object_id)
        # Names and e-mail addresses: admin_view marks it for no cache to keep.
        return export_response(
            bookings_in_order(event),
            BOOKING_COLUMNS,
            fmt="csv",
            filename=f"londonconnects-bookings-{event.slug}",
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Read by admin/events/event/change_form.html.
        if obj is not None and change and self.has_change_permission(request, obj):
            counts = {
                status: obj.bookings.filter(status=status).count()
                for status in (BookingStatus.BOOKED, BookingStatus.WAITING)
            }
            context["bookings_link"] = {
                "url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_bookings",
                    args=[obj.pk],
                ),
                "booked": counts[BookingStatus.BOOKED],
                "waiting": counts[BookingStatus.WAITING],
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            # More places (or no limit): the waiting list moves up at once, in order, and each
            # person given a place is mailed after the commit, as when someone cancels.
            with transaction.atomic():
                locked = Event.objects.select_for_update().get(pk=obj.pk)
                given = fill_free_places(locked)
            if given:
                messages.info(
                    request,
                    f"{len(given)} on the waiting list {'was' if len(given) == 1 else 'were'} "
                    "given a place and will be told by e-mail.",
                )
