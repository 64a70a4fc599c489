"""Order statistics of an event or a ticket (for those who may read the event's orders) and the admin sales
reports. The figures come from `tickets.statistics` (database aggregates)."""

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Concat, Trim
from django.http import Http404

from events.api.statistics_views import EventComputedView
from events.models import Event
from eventyay.api.computed import ComputedView, collection, resource, resource_object
from eventyay.api.exceptions import BadQueryParameter
from eventyay.api.pagination import JsonApiPagination
from roles.models import User
from tickets import statistics
from tickets.api.base import event_visible_q
from tickets.models import DiscountCode, Ticket

READ_ORDERS = ("read", "order")


class EventOrderStatisticsView(EventComputedView):
    """`/v1/events/<event_id>/order-statistics`: orders, tickets and sales of the event per status."""

    permission_rules = {"GET": READ_ORDERS}

    def document(self, request):
        event = self.get_permission_event()
        figures = statistics.event_order_statistics(event)
        return resource("order-statistics-event", event.pk, {"identifier": event.identifier, **figures}, request.path)


class TicketOrderStatisticsView(ComputedView):
    """`/v1/tickets/<ticket_id>/order-statistics`: the orders holding the ticket, its attendees and what they
    paid, per status. A ticket of an event the actor cannot see answers 404."""

    permission_rules = {"GET": READ_ORDERS}

    def get_ticket(self):
        if not hasattr(self, "_ticket"):
            value = str(self.kwargs["ticket_id"])
            queryset = Ticket.objects.filter(deleted_at__isnull=True).select_related("event")
            visible = queryset.filter(event_visible_q(self.request.user))
            ticket = visible.filter(pk=int(value)).first() if value.isdigit() else None
            if ticket is None:
                raise Http404("No such ticket.")
            self._ticket = ticket
        return self._ticket

    def get_permission_event(self, obj=None):
        return self.get_ticket().event

    def document(self, request):
        ticket = self.get_ticket()
        return resource("order-statistics-ticket", ticket.pk, statistics.ticket_order_statistics(ticket), request.path)


class SalesReportView(ComputedView):
    """An admin sales report: one resource per key (event, organizer, location, marketer…), a page at a time
    (`page[size]`, `page[number]`), sorted by `sort` (one of `sort_fields`, `-` for descending)."""

    type_name = ""
    #: the path from Order to the key the sales are grouped by
    order_key = "event_id"
    sort_fields = {}
    default_sort = ()

    def keys(self):
        """The queryset of rows reported (each a dict with "key" and the row's own attributes)."""
        raise NotImplementedError

    def attributes(self, row, sales):
        raise NotImplementedError

    def ordering(self, request):
        raw = request.query_params.get("sort")
        if not raw:
            return list(self.default_sort)
        fields = []
        for part in raw.split(","):
            name = part.lstrip("-")
            if name not in self.sort_fields:
                raise BadQueryParameter(f"Cannot sort by {name!r}.", "sort")
            fields.append(("-" if part.startswith("-") else "") + self.sort_fields[name])
        return [*fields, "key"]

    def document(self, request):
        for name in request.query_params:
            if name.startswith("filter"):
                raise BadQueryParameter("The sales reports take no filters.", name)
        rows = self.keys().order_by(*self.ordering(request))
        paginator = JsonApiPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        sales = statistics.sales_by(self.order_key, [row["key"] for row in page])
        objects = [
            resource_object(self.type_name, row["key"], self.attributes(row, sales[row["key"]]), request.path)
            for row in page
        ]
        return collection(objects, request.path, count=paginator.page.paginator.count)


class SalesByEventsView(SalesReportView):
    type_name = "admin-sales-by-events"
    sort_fields = {"name": "name", "starts_at": "starts_at", "ends_at": "ends_at"}
    default_sort = ("starts_at", "key")

    def keys(self):
        return Event.objects.filter(deleted_at__isnull=True).values("name", "starts_at", "ends_at", key=F("pk"))

    def attributes(self, row, sales):
        return {
            "name": row["name"],
            "starts_at": row["starts_at"].isoformat(),
            "ends_at": row["ends_at"].isoformat(),
            "sales": sales,
        }


class SalesByOrganizersView(SalesReportView):
    """Sales of the events each user owns."""

    type_name = "admin-sales-by-organizers"
    order_key = "event__owner_id"
    sort_fields = {"first_name": "first_name", "last_name": "last_name"}
    default_sort = ("key",)

    def keys(self):
        owners = Event.objects.filter(deleted_at__isnull=True, owner__isnull=False).values("owner_id")
        return User.objects.filter(pk__in=owners).values("first_name", "last_name", key=F("pk"))

    def attributes(self, row, sales):
        return {"first_name": row["first_name"] or None, "last_name": row["last_name"] or None, "sales": sales}


class SalesByLocationView(SalesReportView):
    """Sales per event location (the location's name is the resource id)."""

    type_name = "admin-sales-by-location"
    order_key = "event__location_name"
    sort_fields = {"location_name": "key"}
    default_sort = ("key",)

    def keys(self):
        return (
            Event.objects.filter(deleted_at__isnull=True)
            .exclude(location_name="")
            .values(key=F("location_name"))
            .distinct()
        )

    def attributes(self, row, sales):
        return {"location_name": row["key"], "sales": sales}


class SalesByMarketerView(SalesReportView):
    """Sales of the orders each marketer's discount codes brought in."""

    type_name = "admin-sales-by-marketer"
    order_key = "marketer_id"
    sort_fields = {"fullname": "fullname", "email": "email"}
    default_sort = ("key",)

    def keys(self):
        marketers = User.objects.filter(marketed_orders__isnull=False).values("pk")
        return User.objects.filter(pk__in=marketers).values(
            "email", key=F("pk"), fullname=Trim(Concat("first_name", Value(" "), "last_name"))
        )

    def attributes(self, row, sales):
        return {"fullname": row["fullname"] or None, "email": row["email"], "sales": sales}


class SalesDiscountedView(SalesReportView):
    """Sales of the orders placed with each discount code."""

    type_name = "admin-sales-discounted"
    order_key = "discount_code_id"
    sort_fields = {"code": "code", "event_name": "event_name"}
    default_sort = ("key",)

    def keys(self):
        return DiscountCode.objects.filter(orders__isnull=False).distinct().values(
            "code", key=F("pk"), event_name=F("event__name"), email=F("marketer__email"),
            payment_currency=F("event__payment_currency"),
        )  # fmt: skip

    def attributes(self, row, sales):
        return {
            "code": row["code"],
            "email": row["email"],
            "event_name": row["event_name"],
            "payment_currency": row["payment_currency"],
            "sales": sales,
        }


class SalesFeesView(SalesReportView):
    """Per event: the platform's fee percentage (`settings.TICKET_FEE_PERCENTAGE`), the tickets sold (completed
    orders) and the fee revenue on those sales."""

    type_name = "admin-sales-fees"
    sort_fields = {"name": "name"}
    default_sort = ("starts_at", "key")

    def keys(self):
        return Event.objects.filter(deleted_at__isnull=True).values(
            "name", "payment_currency", "starts_at", key=F("pk")
        )

    def attributes(self, row, sales):
        fee = float(settings.TICKET_FEE_PERCENTAGE)
        completed = sales["completed"]
        return {
            "name": row["name"],
            "payment-currency": row["payment_currency"],
            "fee-percentage": fee,
            "revenue": round(float(completed["sales_total"]) * fee / 100, 2),
            "ticket-count": float(completed["ticket_count"]),
        }
