"""Saving the tickets formset (`events.forms.TicketFormSet`), shared by the wizard's tickets step and the
dashboard's tickets page: every row through the ticket services, all or nothing. A failing row gets the
service's error (on its field, or on the row) and the whole transaction rolls back, so every row the user
typed comes back with the errors next to it."""

from django.db import transaction

from eventyay.errors import DomainError
from tickets.services import ticket_create, ticket_delete, ticket_update


def add_domain_error(form, exc):
    """Put a service's DomainError on the field it names, or on the form (row) as a whole."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.detail)


def save_ticket_rows(formset, *, event, actor, may_create=True, may_delete=True):
    """Create, update and delete the formset's rows; True when everything was saved. `may_create` and
    `may_delete` come from the permission module (a row that needs a right the actor lacks is an error)."""
    tz = event.timezone or "UTC"
    existing = {ticket.pk: ticket for ticket in event.tickets.alive()}
    deleted = {id(form) for form in formset.deleted_forms}
    failed = False
    with transaction.atomic():
        position = 0
        for form in formset.forms:
            data = form.cleaned_data
            if not data:
                continue  # an added row left untouched
            ticket = existing.get(data.get("ticket_id"))
            try:
                if id(form) in deleted:
                    if ticket is not None:
                        if not may_delete:
                            raise DomainError("Your role may not delete tickets.")
                        ticket_delete(actor=actor, instance=ticket)
                    continue
                values = form.service_data(tz, position)
                if ticket is None:
                    if not may_create:
                        raise DomainError("Your role may not add tickets.")
                    ticket_create(actor=actor, event=event, data=values)
                else:
                    ticket_update(actor=actor, instance=ticket, data=values)
                position += 1
            except DomainError as exc:
                add_domain_error(form, exc)
                failed = True
        if failed:
            transaction.set_rollback(True)
    return not failed
