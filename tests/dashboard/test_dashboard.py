"""The dashboard lists the user's events grouped by role, with state and dates."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from roles.models import Role
from tests.dashboard.conftest import grant, signed_in
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_dashboard_requires_sign_in():
    response = Client().get("/dashboard")
    assert response.status_code == 302
    assert response["Location"].startswith("/login")


def test_home_sends_visitors_to_sign_in_and_users_to_the_dashboard(organizer_client):
    assert Client().get("/")["Location"] == "/login"
    assert organizer_client.get("/")["Location"] == "/dashboard"


def test_dashboard_groups_events_by_role(organizer, event):
    co_event = EventFactory(name="Co event")
    grant(organizer, co_event, Role.COORGANIZER)
    mod_event = EventFactory(name="Moderated event")
    grant(organizer, mod_event, Role.MODERATOR)
    EventFactory(name="Somebody else's event")
    response = signed_in(organizer).get("/dashboard")
    groups = {g["role"]: [e.name for e in g["events"]] for g in response.context["groups"]}
    assert groups == {"organizer": ["PyCon Dash"], "coorganizer": ["Co event"], "moderator": ["Moderated event"]}
    assert [g["label"] for g in response.context["groups"]] == ["Organizer", "Co-organizer", "Moderator"]
    html = response.content.decode()
    assert "Somebody else" not in html
    assert "Draft" in html and "Published" in html
    assert f'href="/events/{event.identifier}/edit"' in html
    assert f'href="/events/{mod_event.identifier}/edit"' not in html  # moderators cannot open the wizard


def test_dashboard_shows_the_notification_bell_and_sign_out(organizer_client):
    html = organizer_client.get("/dashboard").content.decode()
    assert 'id="nav-sign-out"' in html
    assert 'id="notification-bell"' in html
    assert "Create event" in html


def test_dashboard_without_events_invites_to_create_one():
    response = signed_in(UserFactory()).get("/dashboard")
    assert b'id="no-events"' in response.content


def _count_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/dashboard").status_code == 200
    return len(ctx)


def test_dashboard_query_count_does_not_grow_with_events():
    user = UserFactory()
    client = signed_in(user)
    grant(user, EventFactory(), Role.ORGANIZER)
    one = _count_queries(client)
    for i in range(4):
        event = EventFactory()
        grant(user, event, Role.COORGANIZER if i % 2 else Role.ORGANIZER)
    assert _count_queries(client) == one
