"""A double submit of "accept" racing on PostgreSQL: the invite row lock makes exactly one role row."""

import threading

import pytest
from django.db import connection, connections

from roles import invites
from roles.models import Role, RoleInvite, UsersEventsRoles
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_accepts_create_exactly_one_role():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; CI runs this with DATABASE_URL set")
    event = EventFactory()
    invitee = UserFactory(email="racer@example.org")
    invite = RoleInvite.objects.create(
        email="racer@example.org", event=event, role=Role.objects.get(name="coorganizer"), hash="race"
    )
    barrier = threading.Barrier(8)
    errors = []

    def accept():
        try:
            barrier.wait(timeout=10)
            invites.role_invite_accept(actor=invitee, invite=invite)
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert UsersEventsRoles.objects.filter(user=invitee, event=event, role__name="coorganizer").count() == 1
    invite.refresh_from_db()
    assert invite.status == "accepted"
