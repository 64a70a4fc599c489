from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.services import event_create
from roles.models import Role, UsersEventsRoles
from tests.factories import TicketFactory, UserFactory
from tests.images import png_bytes  # noqa: F401  (used by the dashboard tests)


def grant(user, event, role_name):
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role_name))


def signed_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def organizer(db):
    return UserFactory(email="organizer@example.org")


@pytest.fixture
def event(organizer):
    """A draft event created through the service (so `organizer` holds the organizer role)."""
    starts = timezone.now().replace(microsecond=0) + timedelta(days=30)
    return event_create(
        actor=organizer, data={"name": "PyCon Dash", "starts_at": starts, "ends_at": starts + timedelta(days=2)}
    )


@pytest.fixture
def ticket(event):
    return TicketFactory(event=event, name="Early bird", quantity=50)


@pytest.fixture
def organizer_client(organizer):
    return signed_in(organizer)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def wall(value):
    """`value` as the `datetime-local` text a browser posts."""
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value
