"""Routes of the tickets app (included under /v1/)."""

from django.urls import path

from tickets.api import code_views, order_views, stripe_views, ticket_views

LIST = {"get": "list"}
LIST_CREATE = {"get": "list", "post": "create"}
DETAIL = {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
E = "events/<str:event_id>"

urlpatterns = [
    # tickets
    path(f"{E}/tickets", ticket_views.EventTicketViewSet.as_view(LIST_CREATE), name="event-tickets"),
    path(
        f"{E}/tickets/availability",
        ticket_views.EventTicketViewSet.as_view({"get": "availability"}),
        name="event-tickets-availability",
    ),
    path("tickets/<int:pk>", ticket_views.TicketViewSet.as_view(DETAIL), name="ticket-detail"),
    # discount codes
    path(
        f"{E}/discount-code",
        code_views.EventLevelDiscountCodeViewSet.as_view(
            {"get": "retrieve", "post": "create", "patch": "partial_update"}
        ),
        name="event-discount-code",
    ),
    path(
        f"{E}/discount-codes", code_views.EventDiscountCodeListViewSet.as_view(LIST_CREATE), name="event-discount-codes"
    ),
    path(
        f"{E}/discount-codes/<str:code>",
        code_views.DiscountCodeLookupViewSet.as_view({"get": "retrieve"}),
        name="event-discount-code-lookup",
    ),
    path("discount-codes/<int:pk>", code_views.DiscountCodeViewSet.as_view(DETAIL), name="discount-code-detail"),
    path(
        "discount-codes/<int:pk>/tickets",
        code_views.DiscountCodeViewSet.as_view({"get": "tickets"}),
        name="discount-code-tickets",
    ),
    path(
        "discount-codes/<int:pk>/relationships/tickets",
        code_views.DiscountCodeViewSet.as_view({"get": "relationships_tickets", "patch": "relationships_tickets"}),
        name="discount-code-relationships-tickets",
    ),
    # access codes
    path(f"{E}/access-codes", code_views.EventAccessCodeListViewSet.as_view(LIST_CREATE), name="event-access-codes"),
    path(
        f"{E}/access-codes/<str:code>",
        code_views.AccessCodeLookupViewSet.as_view({"get": "retrieve"}),
        name="event-access-code-lookup",
    ),
    path("access-codes/<int:pk>", code_views.AccessCodeViewSet.as_view(DETAIL), name="access-code-detail"),
    path(
        "access-codes/<int:pk>/tickets",
        code_views.AccessCodeViewSet.as_view({"get": "tickets"}),
        name="access-code-tickets",
    ),
    # stripe authorization (no list)
    path(
        "stripe-authorization",
        stripe_views.StripeAuthorizationViewSet.as_view({"post": "create"}),
        name="stripe-authorization-list",
    ),
    path(
        "stripe-authorization/<int:pk>",
        stripe_views.StripeAuthorizationViewSet.as_view(DETAIL),
        name="stripe-authorization-detail",
    ),
    path(
        f"{E}/stripe-authorization",
        stripe_views.EventStripeAuthorizationViewSet.as_view({"get": "retrieve"}),
        name="event-stripe-authorization",
    ),
    # orders and attendees
    path("orders", order_views.OrderViewSet.as_view({"post": "create"}), name="order-list"),
    path("orders/create-order", order_views.OrderViewSet.as_view({"post": "create_order"}), name="order-create-order"),
    path(
        "orders/calculate-amount",
        order_views.OrderViewSet.as_view({"post": "calculate_amount"}),
        name="order-calculate-amount",
    ),
    path(
        "orders/<str:pk>",
        order_views.OrderViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="order-detail",
    ),
    path("orders/<str:pk>/attendees", order_views.OrderViewSet.as_view({"get": "attendees"}), name="order-attendees"),
    path(f"{E}/orders", order_views.EventOrderViewSet.as_view(LIST), name="event-orders"),
    path("users/<str:user_id>/orders", order_views.UserOrderViewSet.as_view(LIST), name="user-orders"),
    path("users/<str:user_id>/attendees", order_views.UserAttendeeViewSet.as_view(LIST), name="user-attendees"),
    path(f"{E}/attendees", order_views.EventAttendeeViewSet.as_view(LIST), name="event-attendees"),
    path(
        "attendees/<int:pk>",
        order_views.AttendeeViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="attendee-detail",
    ),
]
