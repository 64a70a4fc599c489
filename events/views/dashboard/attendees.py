"""Attendees: search by name, e-mail or order, filter by ticket, check-in and order state, CSV; check in and out
with one click. The click posts (fetch, CSRF token) to `AttendeeCheckInView`, which answers JSON, so the page
does not reload; the undo posts the opposite move with `undo=1`. Without JavaScript the same form posts and
the page comes back."""

from django.http import Http404, JsonResponse
from django.views import View
from django.views.generic import TemplateView

from events.views.dashboard.base import CHECK_IN, EventDashboardMixin, run_action, safe_next
from events.views.dashboard.csv_export import csv_response
from events.views.dashboard.filters import AttendeeFilterForm
from events.views.files import error_response
from eventyay.errors import DomainError
from eventyay.lists import ListQuery
from tickets import services
from tickets.models import Order

SORTS = {
    "name": ("Name", ["lastname", "firstname"]),
    "email": ("E-mail", ["email"]),
    "ticket": ("Ticket", ["ticket__name"]),
    "order": ("Order date", ["order__created_at"]),
    "checked_in": ("Checked in", ["is_checked_in"]),
}


def attendee_payload(attendee):
    name = f"{attendee.firstname} {attendee.lastname}".strip() or attendee.email or f"Attendee {attendee.pk}"
    return {"id": attendee.pk, "name": name, "is_checked_in": attendee.is_checked_in}


class AttendeeListMixin(EventDashboardMixin):
    page = "attendees"

    def listing(self):
        return ListQuery(
            self.request,
            self.event.attendees.filter(deleted_at__isnull=True).select_related("order", "ticket"),
            sorts=SORTS,
            default_sort="name",
            filter_form=AttendeeFilterForm,
            form_kwargs={"event": self.event},
        )


class AttendeeListView(AttendeeListMixin, TemplateView):
    template_name = "dashboard/event/attendees.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.listing()
        context["listing"] = listing
        context["can_check_in"] = self.may(CHECK_IN)
        context["can_read_orders"] = self.may(("read", "order"))
        context["sold_statuses"] = Order.SOLD_STATUSES
        context["export_url"] = self.page_url("dashboard-attendees-csv") + listing.export_query
        return context


class AttendeeCsvView(AttendeeListMixin, View):
    def get(self, request, *args, **kwargs):
        rows = (
            [
                a.firstname,
                a.lastname,
                a.email,
                a.ticket.name,
                a.order.identifier,
                a.order.get_status_display(),
                "yes" if a.is_checked_in else "no",
                a.checkin_times,
                a.checkout_times,
            ]
            for a in self.listing().queryset.iterator(chunk_size=500)
        )
        header = [
            "first name",
            "last name",
            "e-mail",
            "ticket",
            "order",
            "order state",
            "checked in",
            "check-ins",
            "check-outs",
        ]
        return csv_response(f"attendees-{self.event.identifier}.csv", header, rows)


class AttendeeCheckInView(EventDashboardMixin, View):
    """POST `checked_in` = 1|0 (and `undo` = 1 to take a click back). JSON for fetch, a redirect for a form."""

    page = "attendees"

    def post(self, request, *args, **kwargs):
        wants_json = request.headers.get("Accept", "").startswith("application/json")
        if not self.may(CHECK_IN):
            if wants_json:
                return error_response(404, "No such attendee.", code="not_found")
            raise Http404("No such attendee.")
        attendee = self.event.attendees.filter(pk=self.kwargs["attendee_id"], deleted_at__isnull=True).first()
        if attendee is None:
            if wants_json:
                return error_response(404, "No such attendee.", code="not_found")
            raise Http404("No such attendee.")
        checked_in = request.POST.get("checked_in") in ("1", "true", "on")
        undo = request.POST.get("undo") in ("1", "true")

        def act():
            return services.attendee_check_in(actor=request.user, instance=attendee, checked_in=checked_in, undo=undo)

        if not wants_json:
            done = "checked in" if checked_in else "checked out"
            return run_action(
                request, act, f"{attendee_payload(attendee)['name']} is {done}.",
                next_url=safe_next(request, self.page_url()),
            )  # fmt: skip
        try:
            attendee = act()
        except DomainError as exc:
            return error_response(exc.status, exc.detail, code=exc.code, field=exc.field)
        return JsonResponse(attendee_payload(attendee))
