"""Ticket tags: labels an event's organizer and co-organizers put on its tickets."""

from django.db import transaction

from eventyay.errors import DomainError
from tickets.models import TicketTag


def _tickets(event, tickets):
    tickets = list(tickets or [])
    for ticket in tickets:
        if ticket.event_id != event.pk or ticket.deleted_at is not None:
            raise DomainError("Every ticket must belong to the tag's event.", field="tickets")
    return tickets


def _name(value):
    name = (value or "").strip()
    if not name:
        raise DomainError("A ticket tag needs a name.", field="name")
    return name


@transaction.atomic
def ticket_tag_create(*, actor, event, data):
    tickets = _tickets(event, data.get("tickets"))
    tag = TicketTag.objects.create(event=event, name=_name(data.get("name")))
    tag.tickets.set(tickets)
    return tag


@transaction.atomic
def ticket_tag_update(*, actor, instance, data):
    tag = TicketTag.objects.select_for_update().get(pk=instance.pk)
    if "name" in data:
        tag.name = _name(data["name"])
        tag.save()
    if "tickets" in data:
        tag.tickets.set(_tickets(tag.event, data["tickets"]))
    return tag


@transaction.atomic
def ticket_tag_delete(*, actor, instance, permanent=False):
    tag = TicketTag.objects.select_for_update().get(pk=instance.pk)
    if permanent:
        tag.delete()
        return
    tag.soft_delete()
