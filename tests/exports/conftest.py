"""Fixtures of the export tests: an event with a team, a schedule, orders and attendees; and `export()`, which
starts an export through the API, runs its task, and returns the downloaded file's bytes."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from roles.auth import tokens_for
from roles.models import Role, UsersEventsRoles
from tests.exports.factories import AttendeeFactory, OrderFactory
from tests.factories import (
    EventFactory,
    MicrolocationFactory,
    SessionFactory,
    SessionTypeFactory,
    SpeakerFactory,
    TicketFactory,
    TrackFactory,
    UserFactory,
)

START = datetime(2031, 6, 13, 7, 0, tzinfo=UTC)  # 09:00 in Berlin (summer time)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def client_for(user=None):
    headers = {"Authorization": f"JWT {tokens_for(user)['access_token']}"} if user else {}
    return Client(SERVER_NAME="localhost", headers=headers)


def team_member(event, role="organizer"):
    user = UserFactory()
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))
    return user


@pytest.fixture
def event():
    return EventFactory(
        name="Schedule Summit", timezone="Europe/Berlin", starts_at=START, ends_at=START + timedelta(days=2)
    )


@pytest.fixture
def organizer(event):
    return team_member(event)


@pytest.fixture
def schedule(event):
    """Two published sessions (one in a room, with a track, type and two speakers), one of them on day two;
    and sessions the public schedule must leave out: pending, rejected, unscheduled, deleted."""
    room = MicrolocationFactory(event=event, name="Hall A")
    track = TrackFactory(event=event, name="Web; Mobile, & more")
    kind = SessionTypeFactory(event=event, name="Talk")
    ada = SpeakerFactory(event=event, name="Ada Lovelace", email="ada@example.org", order=1)
    bob = SpeakerFactory(event=event, name="Bob <b>", email="bob@example.org", order=2)
    keynote = SessionFactory(
        event=event,
        title="Keynote: engines, looms; and \\ more",
        state="accepted",
        starts_at=START,
        ends_at=START + timedelta(minutes=90),
        microlocation=room,
        track=track,
        session_type=kind,
        long_abstract="<p>Analytical <b>engines</b> &amp; the future</p>\n<p>Line two</p>",
        language="English",
    )
    keynote.speakers.add(ada, bob)
    closing = SessionFactory(
        event=event,
        title="Closing",
        state="confirmed",
        starts_at=START + timedelta(days=1, hours=8),
        ends_at=START + timedelta(days=1, hours=8, minutes=30),
    )
    closing.speakers.add(ada)
    SessionFactory(event=event, title="Pending idea", state="pending", starts_at=START, ends_at=START)
    SessionFactory(event=event, title="Rejected idea", state="rejected", starts_at=START, ends_at=START)
    SessionFactory(event=event, title="Unscheduled", state="accepted")
    gone = SessionFactory(event=event, title="Deleted", state="accepted", starts_at=START, ends_at=START)
    gone.soft_delete()
    return {"keynote": keynote, "closing": closing, "ada": ada, "bob": bob}


@pytest.fixture
def sales(event):
    """Two orders: one with two attendees of two tickets, one whose buyer typed a formula as a name."""
    regular = TicketFactory(event=event, name="Regular", price=25, quantity=100)
    vip = TicketFactory(event=event, name="VIP", price=100, quantity=10)
    buyer = UserFactory(first_name="Grace", last_name="Hopper", email="grace@example.org")
    first = OrderFactory(event=event, user=buyer, amount=125)
    AttendeeFactory(order=first, ticket=regular, firstname="Grace", lastname="Hopper", email="grace@example.org")
    AttendeeFactory(order=first, ticket=vip, firstname="Alan", lastname="Turing", email="alan@example.org", price=100)
    evil = UserFactory(first_name='=HYPERLINK("http://x")', last_name="+1", email="evil@example.org")
    second = OrderFactory(event=event, user=evil, amount=25, status="pending")
    AttendeeFactory(
        order=second, ticket=regular, firstname="=cmd|' /C calc'!A0", lastname="@SUM(1)", email="-evil@example.org"
    )
    return {"first": first, "second": second}


@pytest.fixture
def export(django_capture_on_commit_callbacks):
    """export(user, path, body=None) → (task state, downloaded bytes, the download response)."""

    def run(user, path, body=None):
        client = client_for(user)
        with django_capture_on_commit_callbacks(execute=True):
            if body is None:
                response = client.get(path)
            else:
                response = client.post(path, body, content_type="application/json")
        assert response.status_code == 200, response.content
        assert set(response.json()) == {"task_url"}
        state = client.get(response.json()["task_url"]).json()
        assert state["state"] == "SUCCESS", state
        download = Client().get(state["result"]["download_url"].removeprefix("http://localhost"))
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment")
        return state, b"".join(download.streaming_content), download

    return run
