"""Fixtures for the event dashboard: an event with tickets, orders placed through the checkout service, and a
team member per role."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.services import event_create
from roles.models import Role, UsersEventsRoles
from tests.factories import TicketFactory, UserFactory
from tickets import checkout

ROLES = ("organizer", "coorganizer", "track_organizer", "moderator", "registrar", "attendee")


def grant(user, event, role_name):
    return UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role_name))


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def place(event, ticket, *, buyer=None, quantity=1, attendees=None):
    """An order through the checkout (free tickets complete at once, paid ones stay pending)."""
    items = [{"id": ticket.pk, "quantity": quantity, "attendees": attendees or []}]
    return checkout.order_create(actor=buyer, event=event, items=items)


@pytest.fixture
def organizer(db):
    return UserFactory(email="organizer@example.org", first_name="Olga", last_name="Organizer")


@pytest.fixture
def event(organizer):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=30)
    return event_create(
        actor=organizer, data={"name": "PyCon Dash", "starts_at": starts, "ends_at": starts + timedelta(days=2)}
    )


@pytest.fixture
def free_ticket(event):
    return TicketFactory(event=event, name="Community", quantity=50, position=0)


@pytest.fixture
def paid_ticket(event):
    return TicketFactory(event=event, name="Regular", type="paid", price=25, quantity=20, position=1)


@pytest.fixture
def team(event, organizer):
    """{role name: a user holding it on `event`} (the organizer is the event's creator)."""
    members = {"organizer": organizer}
    for role in ROLES[1:]:
        user = UserFactory(email=f"{role}@example.org")
        grant(user, event, role)
        members[role] = user
    members["stranger"] = UserFactory(email="stranger@example.org")
    return members


@pytest.fixture
def organizer_client(organizer):
    return signed_in(organizer)


def url(event, page=""):
    return f"/dashboard/events/{event.identifier}/{page}"
