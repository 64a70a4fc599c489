"""The event's overview: sales per ticket, orders by state, revenue, check-ins, sales over time, sessions by
state, and what still keeps the event from being published. Each block only for the roles that may read it."""

import zoneinfo

from django.db.models import Count
from django.utils import timezone
from django.views.generic import TemplateView

from events.services import publish_problems
from events.views.dashboard.base import WIZARD, EventDashboardMixin
from events.views.dashboard.charts import bar_chart
from tickets import selectors


class OverviewView(EventDashboardMixin, TemplateView):
    template_name = "dashboard/event/overview.html"
    page = "overview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        if self.may(("read", "order")):
            tz = zoneinfo.ZoneInfo(event.timezone or "UTC")
            tickets = event.tickets.alive().order_by("position", "id")
            context["tickets"] = selectors.availability(event, tickets)
            context["orders_by_status"] = selectors.order_counts_by_status(event)
            context["revenue"] = selectors.revenue(event)
            context["check_ins"] = selectors.check_in_counts(event)
            context["chart"] = bar_chart(
                selectors.seats_sold_per_day(event, tz), today=timezone.now().astimezone(tz).date()
            )
            context["sold_total"] = sum(t["sold"] for t in context["tickets"])
            context["remaining_total"] = sum(t["available"] for t in context["tickets"])
        if self.may(("read", "session")):
            counts = event.sessions.alive().order_by().values_list("state").annotate(n=Count("id"))
            context["sessions_by_state"] = sorted(counts, key=lambda row: -row[1])
        if self.may(WIZARD) and not event.is_published:
            context["problems"] = [message for _, message in publish_problems(event)]
        return context
