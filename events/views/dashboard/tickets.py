"""Tickets: the wizard's formset (same form, same row template, same saving), with each ticket's sold and
reserved seats. A ticket with sales cannot be removed: its remove button is replaced by a note, and the
service refuses it anyway (the row then says why)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import TemplateView

from events.forms import TICKETS_PREFIX, TicketForm, TicketFormSet
from events.views.dashboard.base import TICKET_CREATE, TICKET_DELETE, TICKET_UPDATE, EventDashboardMixin
from events.views.ticket_rows import save_ticket_rows
from tickets import selectors
from tickets.models import Ticket


def _ticket_id(form):
    value = form["ticket_id"].value()
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and 0 < number < 2**63 else None


def annotate_sales(formset, event):
    """`form.sales` = {"sold", "reserved", "taken"} for the rows of existing tickets (one query)."""
    ids = [tid for tid in map(_ticket_id, formset.forms) if tid is not None]
    known = set(event.tickets.alive().filter(pk__in=ids).values_list("pk", flat=True))
    taken = selectors.seats_taken(sorted(known))
    for form in formset.forms:
        counts = taken.get(_ticket_id(form))
        form.sales = {**counts, "taken": counts["sold"] + counts["reserved"]} if counts else None


class TicketsView(EventDashboardMixin, TemplateView):
    template_name = "dashboard/event/tickets.html"
    page = "tickets"

    def get_formset(self, data=None):
        if data is not None:
            formset = TicketFormSet(data, prefix=TICKETS_PREFIX, event=self.event)
        else:
            tz = self.event.timezone or "UTC"
            tickets = self.event.tickets.alive().order_by("position", "id")
            initial = [TicketForm.initial_for(ticket, tz) for ticket in tickets]
            formset = TicketFormSet(initial=initial, prefix=TICKETS_PREFIX, event=self.event)
        annotate_sales(formset, self.event)
        return formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context["ticket_types"] = Ticket.Type.choices
        context["can_update"] = self.may(TICKET_UPDATE)
        context["can_create"] = self.may(TICKET_CREATE)
        context["hide_remove"] = not self.may(TICKET_DELETE)
        return context

    def post(self, request, *args, **kwargs):
        self.require(TICKET_UPDATE)
        formset = self.get_formset(request.POST)
        saved = formset.is_valid() and save_ticket_rows(
            formset,
            event=self.event,
            actor=request.user,
            may_create=self.may(TICKET_CREATE),
            may_delete=self.may(TICKET_DELETE),
        )
        if saved:
            messages.success(request, "Tickets saved.")
            return redirect(self.page_url())
        messages.error(request, "Some tickets need your attention; nothing was saved.")
        return self.render_to_response(self.get_context_data(formset=formset), status=422)
