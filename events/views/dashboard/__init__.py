"""The organizer dashboard: the user's events (`index`) and each event's own pages under
`/dashboard/events/<identifier>/…` (overview, orders, attendees, tickets, codes, team, sessions, transfer),
each shown only to the roles `roles.permissions` lets use it (see `base.PAGES`)."""

from events.views.dashboard.index import DashboardView, home

__all__ = ["DashboardView", "home"]
