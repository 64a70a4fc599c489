"""Routes of the tickets app: its resource types (one registration line each, see `eventyay.api.registry`) and
the routes that are not a type's own (lookups by code, the event-level code, availability, a buyer's lists)."""

from django.urls import path

from eventyay.api.registry import resources
from tickets.api import code_views, order_views, stripe_views, ticket_views

resources.register(ticket_views.TicketViewSet, "tickets", event_scoped=True)
resources.register(code_views.DiscountCodeViewSet, "discount-codes", event_scoped=True)
resources.register(code_views.AccessCodeViewSet, "access-codes", event_scoped=True)
resources.register(stripe_views.StripeAuthorizationViewSet, "stripe-authorization")
resources.register(order_views.OrderViewSet, "orders", event_scoped=True)
resources.register(order_views.AttendeeViewSet, "attendees", event_scoped=True)

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
    path("users/<str:user_id>/orders", order_views.UserOrderViewSet.as_view(LIST), name="user-orders"),
    path("users/<str:user_id>/attendees", order_views.UserAttendeeViewSet.as_view(LIST), name="user-attendees"),
]
