"""events.services used directly (the dashboard wizard calls these)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Event
from eventyay.errors import DomainError
from roles.models import UsersEventsRoles
from tests.factories import EventFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def data(**extra):
    start = timezone.now() + timedelta(days=7)
    return {
        "name": "Conf",
        "starts_at": start,
        "ends_at": start + timedelta(days=1),
        "timezone": "Asia/Singapore",
        **extra,
    }


def test_event_create_sets_owner_and_organizer_and_starts_as_draft():
    user = UserFactory()
    event = services.event_create(actor=user, data=data(identifier="forged", owner=UserFactory()))
    assert event.owner == user and event.state == Event.State.DRAFT
    assert event.identifier != "forged"
    assert UsersEventsRoles.objects.filter(user=user, event=event, role__name="organizer").exists()


def test_event_create_requires_dates():
    with pytest.raises(DomainError) as exc:
        services.event_create(actor=UserFactory(), data={"name": "x", "starts_at": timezone.now()})
    assert exc.value.field == "ends_at"


def test_publish_and_unpublish():
    event = EventFactory(state=Event.State.DRAFT)
    with pytest.raises(DomainError) as exc:
        services.event_publish(actor=None, instance=event)
    assert exc.value.field == "state"
    assert services.publish_problems(event) == [("state", "A published event needs at least one ticket.")]
    deleted = TicketFactory(event=event)
    deleted.soft_delete()
    with pytest.raises(DomainError):
        services.event_publish(actor=None, instance=event)
    TicketFactory(event=event)
    assert services.event_publish(actor=None, instance=event).state == Event.State.PUBLISHED
    assert services.event_unpublish(actor=None, instance=event).state == Event.State.DRAFT


def test_delete_and_restore():
    event = EventFactory()
    services.event_delete(actor=UserFactory(), instance=event)
    assert event.deleted_at is not None
    with pytest.raises(DomainError) as exc:
        services.event_restore(actor=UserFactory(), instance=event)
    assert exc.value.status == 403
    services.event_restore(actor=UserFactory(is_admin=True), instance=event)
    event.refresh_from_db()
    assert event.deleted_at is None
