"""Orders: the searchable, filterable list (and its CSV), an order's page with its attendees, and the team's
actions on it — mark paid, cancel (the seats come back), resend the receipt — through `tickets.services`."""

from django.db.models import Prefetch
from django.http import Http404
from django.views import View
from django.views.generic import TemplateView

from events.views.dashboard.base import ORDER_UPDATE, EventDashboardMixin, run_action
from events.views.dashboard.csv_export import csv_response
from events.views.dashboard.filters import OrderFilterForm
from eventyay.lists import ListQuery
from tickets import services
from tickets.models import Attendee, Order

SORTS = {
    "created": ("Date", ["created_at"]),
    "amount": ("Amount", ["amount"]),
    "status": ("State", ["status"]),
    "buyer": ("Buyer", ["user__email"]),
}
S = Order.Status
#: which actions each state offers (the services decide in the end)
ACTIONS = {
    "mark_paid": {S.PENDING, S.PLACED},
    "cancel": {S.PENDING, S.PLACED, S.COMPLETED},
    "resend_receipt": set(Order.SOLD_STATUSES),
}


def order_queryset(event):
    attendees = Attendee.objects.filter(deleted_at__isnull=True).select_related("ticket").order_by("pk")
    return event.orders.select_related("user").prefetch_related(Prefetch("attendees", queryset=attendees))


def ticket_summary(order):
    """ "2 × Early bird, 1 × VIP" from the prefetched attendees."""
    counts = {}
    for attendee in order.attendees.all():
        counts[attendee.ticket.name] = counts.get(attendee.ticket.name, 0) + 1
    return ", ".join(f"{n} × {name}" for name, n in counts.items())


class OrderListMixin(EventDashboardMixin):
    page = "orders"

    def listing(self):
        return ListQuery(
            self.request,
            order_queryset(self.event),
            sorts=SORTS,
            default_sort="-created",
            filter_form=OrderFilterForm,
            form_kwargs={"event": self.event},
        )


class OrderListView(OrderListMixin, TemplateView):
    template_name = "dashboard/event/orders/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.listing()
        for order in listing.rows:
            order.ticket_summary = ticket_summary(order)
        context["listing"] = listing
        context["export_url"] = self.page_url("dashboard-orders-csv") + listing.export_query
        return context


class OrderCsvView(OrderListMixin, View):
    def get(self, request, *args, **kwargs):
        listing = self.listing()
        rows = (
            [
                order.identifier,
                order.created_at.isoformat(),
                order.get_status_display(),
                order.amount,
                self.event.payment_currency,
                order.user.email if order.user else "",
                ticket_summary(order),
                order.completed_at.isoformat() if order.completed_at else "",
                order.paid_via,
            ]
            for order in listing.queryset.iterator(chunk_size=500)
        )
        header = ["order", "created", "state", "amount", "currency", "buyer", "tickets", "completed", "paid via"]
        return csv_response(f"orders-{self.event.identifier}.csv", header, rows)


class OrderMixin(EventDashboardMixin):
    page = "orders"

    def get_order(self):
        order = order_queryset(self.event).filter(identifier=self.kwargs["order_id"]).first()
        if order is None:
            raise Http404("No such order.")
        return order


class OrderDetailView(OrderMixin, TemplateView):
    template_name = "dashboard/event/orders/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.get_order()
        context["order"] = order
        context["attendees"] = list(order.attendees.all())  # prefetched: live attendees only
        can_update = self.may(ORDER_UPDATE)
        context["actions"] = {name: can_update and order.status in states for name, states in ACTIONS.items()}
        return context


class OrderActionView(OrderMixin, View):
    """POST `action` = mark_paid | cancel | resend_receipt."""

    def post(self, request, *args, **kwargs):
        self.require(ORDER_UPDATE)
        order = self.get_order()
        action = request.POST.get("action")
        back = self.page_url("dashboard-order", order.identifier)
        user = request.user
        if action == "mark_paid":
            return run_action(
                request,
                lambda: services.order_update(actor=user, instance=order, data={"status": S.COMPLETED}),
                "The order is marked paid.",
                next_url=back,
            )
        if action == "cancel":
            return run_action(
                request,
                lambda: services.order_update(actor=user, instance=order, data={"status": S.CANCELLED}),
                "The order is cancelled; its seats are free again.",
                next_url=back,
            )
        if action == "resend_receipt":
            return run_action(
                request,
                lambda: services.order_send_receipt(actor=user, instance=order),
                "The receipt is on its way.",
                next_url=back,
            )
        raise Http404("No such action.")
