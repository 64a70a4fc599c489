"""The event wizard: 1 details → 2 background image → 3 tickets → 4 publish.

Step 1 of a new event creates it as a draft (through `events.services.event_create`, which makes the creator
its organizer), so every later step — including the immediate AJAX image upload — has a real event to work
on. Every step is permission-checked by `EventPermissionRequiredMixin` (organizer/co-organizer; anyone else
gets 404). Writes go through the services; their DomainErrors land next to the field or ticket row they name.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from events.forms import TICKETS_PREFIX, EventDetailsForm, TicketForm, TicketFormSet
from events.services import event_create, event_publish, event_unpublish, event_update, publish_problems
from events.views.ticket_rows import add_domain_error, save_ticket_rows
from eventyay.errors import DomainError
from roles.mixins import EventPermissionRequiredMixin
from tickets.models import Ticket

STEPS = (
    ("details", "Basic details", "event-edit"),
    ("image", "Background image", "event-image"),
    ("tickets", "Tickets", "event-tickets"),
    ("publish", "Publish", "event-publish"),
)


class WizardStepMixin:
    step = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = getattr(self, "event", None)
        context["steps"] = [
            {
                "key": key,
                "number": number,
                "label": label,
                "url": reverse(url_name, args=[event.identifier]) if event else None,
                "current": key == self.step,
            }
            for number, (key, label, url_name) in enumerate(STEPS, start=1)
        ]
        return context

    def next_step_url(self):
        keys = [key for key, _, _ in STEPS]
        index = keys.index(self.step)
        url_name = STEPS[min(index + 1, len(STEPS) - 1)][2]
        return reverse(url_name, args=[self.event.identifier])


class EventCreateView(LoginRequiredMixin, WizardStepMixin, FormView):
    """Step 1 for a new event: saving it creates the draft the later steps edit."""

    template_name = "wizard/details.html"
    form_class = EventDetailsForm
    step = "details"

    def form_valid(self, form):
        try:
            self.event = event_create(actor=self.request.user, data=form.service_data())
        except DomainError as exc:
            add_domain_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Draft saved. Add a background image, or skip to the tickets.")
        return redirect(self.next_step_url())


class EventDetailsView(EventPermissionRequiredMixin, WizardStepMixin, FormView):
    template_name = "wizard/details.html"
    form_class = EventDetailsForm
    step = "details"

    def get_initial(self):
        return EventDetailsForm.initial_for(self.event)

    def form_valid(self, form):
        try:
            event_update(actor=self.request.user, instance=self.event, data=form.service_data())
        except DomainError as exc:
            self.event.refresh_from_db()
            add_domain_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Details saved.")
        return redirect(self.next_step_url())


class EventImageView(EventPermissionRequiredMixin, WizardStepMixin, TemplateView):
    """Step 2: the Croppie modal uploads straight to `events.views.files.BackgroundImageView`."""

    template_name = "wizard/image.html"
    step = "image"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upload_url"] = reverse("event-bgimage", args=[self.event.identifier])
        context["next_url"] = self.next_step_url()
        return context


class EventTicketsView(EventPermissionRequiredMixin, WizardStepMixin, TemplateView):
    """Step 3: any number of tickets in one formset, saved in one transaction."""

    template_name = "wizard/tickets.html"
    step = "tickets"

    def alive_tickets(self):
        return list(self.event.tickets.alive().order_by("position", "id"))

    def get_formset(self, data=None):
        if data is not None:
            return TicketFormSet(data, prefix=TICKETS_PREFIX, event=self.event)
        tz = self.event.timezone or "UTC"
        initial = [TicketForm.initial_for(ticket, tz) for ticket in self.alive_tickets()]
        return TicketFormSet(initial=initial, prefix=TICKETS_PREFIX, event=self.event)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context["ticket_types"] = Ticket.Type.choices
        return context

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(request.POST)
        if formset.is_valid() and self.save_tickets(formset):
            messages.success(request, "Tickets saved.")
            return redirect(self.next_step_url())
        messages.error(request, "Some tickets need your attention; nothing was saved.")
        return self.render_to_response(self.get_context_data(formset=formset), status=422)

    def save_tickets(self, formset):
        return save_ticket_rows(formset, event=self.event, actor=self.request.user)


class EventPublishView(EventPermissionRequiredMixin, WizardStepMixin, TemplateView):
    """Step 4: a summary, what still blocks publishing, and the publish / unpublish button."""

    template_name = "wizard/publish.html"
    step = "publish"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = [message for _, message in publish_problems(self.event)]
        context["tickets"] = self.event.tickets.alive().order_by("position", "id")
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "publish":
                event_publish(actor=request.user, instance=self.event)
                messages.success(request, "The event is published.")
            elif action == "unpublish":
                event_unpublish(actor=request.user, instance=self.event)
                messages.success(request, "The event is back to draft.")
            else:
                messages.error(request, "Unknown action.")
        except DomainError as exc:
            self.event.refresh_from_db()
            messages.error(request, exc.detail)
            return self.render_to_response(self.get_context_data(), status=422)
        return redirect(reverse("event-publish", args=[self.event.identifier]))
