"""`/dashboard/events/<event_id>/…`: one event's dashboard (included by `events.urls`)."""

from django.urls import path

from events.views.dashboard import attendees, codes, orders, overview, sessions, team, tickets, transfer

urlpatterns = [
    path("", overview.OverviewView.as_view(), name="dashboard-overview"),
    path("orders", orders.OrderListView.as_view(), name="dashboard-orders"),
    path("orders/export.csv", orders.OrderCsvView.as_view(), name="dashboard-orders-csv"),
    path("orders/<slug:order_id>", orders.OrderDetailView.as_view(), name="dashboard-order"),
    path("orders/<slug:order_id>/action", orders.OrderActionView.as_view(), name="dashboard-order-action"),
    path("attendees", attendees.AttendeeListView.as_view(), name="dashboard-attendees"),
    path("attendees/export.csv", attendees.AttendeeCsvView.as_view(), name="dashboard-attendees-csv"),
    path(
        "attendees/<int:attendee_id>/check-in",
        attendees.AttendeeCheckInView.as_view(),
        name="dashboard-attendee-check-in",
    ),
    path("tickets", tickets.TicketsView.as_view(), name="dashboard-tickets"),
    path("discount-codes", codes.DiscountCodeListView.as_view(), name="dashboard-discount-codes"),
    path("discount-codes/new", codes.DiscountCodeCreateView.as_view(), name="dashboard-discount-code-create"),
    path("discount-codes/<int:code_id>", codes.DiscountCodeEditView.as_view(), name="dashboard-discount-code"),
    path(
        "discount-codes/<int:code_id>/active",
        codes.DiscountCodeActiveView.as_view(),
        name="dashboard-discount-code-active",
    ),
    path("access-codes", codes.AccessCodeListView.as_view(), name="dashboard-access-codes"),
    path("access-codes/new", codes.AccessCodeCreateView.as_view(), name="dashboard-access-code-create"),
    path("access-codes/<int:code_id>", codes.AccessCodeEditView.as_view(), name="dashboard-access-code"),
    path(
        "access-codes/<int:code_id>/active", codes.AccessCodeActiveView.as_view(), name="dashboard-access-code-active"
    ),
    path("team", team.TeamView.as_view(), name="dashboard-team"),
    path("team/invite", team.InviteView.as_view(), name="dashboard-team-invite"),
    path("team/invites/<int:invite_id>/revoke", team.InviteRevokeView.as_view(), name="dashboard-team-invite-revoke"),
    path("team/members/<int:member_id>", team.MemberView.as_view(), name="dashboard-team-member"),
    path("sessions", sessions.SessionListView.as_view(), name="dashboard-sessions"),
    path("sessions/<int:session_id>", sessions.SessionDetailView.as_view(), name="dashboard-session"),
    path("sessions/<int:session_id>/state", sessions.SessionStateView.as_view(), name="dashboard-session-state"),
    path("transfer", transfer.TransferView.as_view(), name="dashboard-transfer"),
]
