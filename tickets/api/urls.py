"""Routes of the tickets app: its resource types (one registration line each, see `eventyay.api.registry`) and
the routes that are not a type's own (lookups by code, the event-level code, availability, a buyer's lists)."""

from django.urls import path

from eventyay.api.registry import resources
from tickets.api import (
    attendee_views,
    code_views,
    invoice_views,
    order_views,
    station_views,
    statistics_views,
    stripe_views,
    tag_views,
    tax_views,
    ticket_fee_views,
    ticket_tag_views,
    ticket_views,
)

resources.register(ticket_views.TicketViewSet, "tickets", event_scoped=True)
resources.register(code_views.DiscountCodeViewSet, "discount-codes", event_scoped=True)
resources.register(code_views.AccessCodeViewSet, "access-codes", event_scoped=True)
resources.register(stripe_views.StripeAuthorizationViewSet, "stripe-authorization", aliases=("stripe-authorizations",))
resources.register(order_views.OrderViewSet, "orders", event_scoped=True)
resources.register(order_views.AttendeeViewSet, "attendees", event_scoped=True)
resources.register(tax_views.TaxViewSet, "taxes", event_scoped=True, aliases=("tax",))
resources.register(ticket_tag_views.TicketTagViewSet, "ticket-tags", event_scoped=True)
resources.register(tag_views.TagViewSet, "tags", event_scoped=True)
resources.register(ticket_fee_views.TicketFeeViewSet, "ticket-fees")
resources.register(station_views.StationViewSet, "stations", event_scoped=True)
resources.register(station_views.StationStorePaxViewSet, "station-store-paxs")
resources.register(station_views.UserCheckInViewSet, "user-check-in")
resources.register(invoice_views.EventInvoiceViewSet, "event-invoices", event_scoped=True)

LIST = {"get": "list"}
E = "events/<str:event_id>"

urlpatterns = [
    path(
        f"{E}/tickets/availability",
        ticket_views.TicketViewSet.as_view({"get": "availability"}),
        name="event-tickets-availability",
    ),
    path(
        f"{E}/discount-code",
        code_views.EventLevelDiscountCodeViewSet.as_view(
            {"get": "retrieve", "post": "create", "patch": "partial_update"}
        ),
        name="event-discount-code",
    ),
    path(
        f"{E}/discount-codes/<str:code>",
        code_views.DiscountCodeLookupViewSet.as_view({"get": "retrieve"}),
        name="event-discount-code-lookup",
    ),
    path(
        f"{E}/access-codes/<str:code>",
        code_views.AccessCodeLookupViewSet.as_view({"get": "retrieve"}),
        name="event-access-code-lookup",
    ),
    path(
        f"{E}/stripe-authorization",
        stripe_views.EventStripeAuthorizationViewSet.as_view({"get": "retrieve"}),
        name="event-stripe-authorization",
    ),
    path("states", attendee_views.AttendeeStateView.as_view(), name="attendee-states"),
    path("attendees/send-receipt", attendee_views.SendReceiptView.as_view(), name="attendees-send-receipt"),
    path(
        f"{E}/attendees/search",
        attendee_views.AttendeeSearchViewSet.as_view({"get": "search"}),
        name="event-attendees-search",
    ),
    path(
        f"{E}/order-statistics",
        statistics_views.EventOrderStatisticsView.as_view(),
        name="event-order-statistics",
    ),
    path(
        "tickets/<str:ticket_id>/order-statistics",
        statistics_views.TicketOrderStatisticsView.as_view(),
        name="ticket-order-statistics",
    ),
    *(
        path(f"admin/sales/{name}", view.as_view(), name=f"admin-sales-{name}")
        for name, view in (
            ("by-events", statistics_views.SalesByEventsView),
            ("by-organizers", statistics_views.SalesByOrganizersView),
            ("by-location", statistics_views.SalesByLocationView),
            ("by-marketer", statistics_views.SalesByMarketerView),
            ("discounted", statistics_views.SalesDiscountedView),
            ("fees", statistics_views.SalesFeesView),
            ("invoices", statistics_views.SalesInvoicesView),
        )
    ),
    path("users/<str:user_id>/orders", order_views.UserOrderViewSet.as_view(LIST), name="user-orders"),
    path("users/<str:user_id>/attendees", order_views.UserAttendeeViewSet.as_view(LIST), name="user-attendees"),
    # check-in stations (the Open Event Server creates a station at the singular path)
    path("station", station_views.StationViewSet.as_view({"post": "create"}), name="station-create"),
    path(
        "stations/<str:station_id>/sessions/<str:session_id>/station-store-paxs",
        station_views.StationSessionPaxViewSet.as_view(LIST),
        name="station-session-station-store-paxs",
    ),
    path(
        "user-check-in/stats/event/<str:event_id>",
        station_views.CheckInStatsViewSet.as_view({"get": "stats"}),
        name="user-check-in-stats",
    ),
]
