"""Sessions: accept, reject, confirm; the speakers hear of it (bell, and e-mail)."""

import pytest
from django.core import mail

from tests.event_dashboard.conftest import signed_in, url
from tests.factories import SessionFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(event):
    session = SessionFactory(event=event, title="Typing", state="pending")
    speaker_user = UserFactory(email="speaker@example.org")
    session.speakers.add(
        SpeakerFactory(event=event, name="Łukasz", email="speaker@example.org", user=speaker_user),
        SpeakerFactory(event=event, name="Guest", email="guest@example.org"),
    )
    return session


def decide(client, event, session, state):
    return client.post(url(event, f"sessions/{session.pk}/state"), {"state": state, "send_email": "1"}, follow=True)


def test_accept_then_confirm_notifies_the_speakers(organizer_client, event, talk, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # mails are queued once the request commits
        response = decide(organizer_client, event, talk, "accepted")
    assert "&#x27;Typing&#x27; is accepted." in response.content.decode()
    talk.refresh_from_db()
    assert talk.state == "accepted"
    speaker = UserFactory._meta.model.objects.get(email="speaker@example.org")
    assert list(speaker.notifications.values_list("title", flat=True)) == ["Your session 'Typing' was accepted"]
    assert sorted(m.to[0] for m in mail.outbox) == ["guest@example.org", "speaker@example.org"]
    decide(organizer_client, event, talk, "confirmed")
    talk.refresh_from_db()
    assert talk.state == "confirmed"
    assert speaker.notifications.count() == 2


def test_reject(organizer_client, event, talk):
    decide(organizer_client, event, talk, "rejected")
    talk.refresh_from_db()
    assert talk.state == "rejected"


def test_a_pending_session_cannot_be_confirmed(organizer_client, event, talk):
    response = decide(organizer_client, event, talk, "confirmed")
    assert "A pending session cannot be confirmed." in response.content.decode()
    talk.refresh_from_db()
    assert talk.state == "pending"


def test_an_unknown_state_is_refused(organizer_client, event, talk):
    response = decide(organizer_client, event, talk, "published")
    assert "A session can be accepted, rejected or confirmed here." in response.content.decode()


def test_the_session_page_shows_its_speakers_and_decisions(organizer_client, event, talk):
    response = organizer_client.get(url(event, f"sessions/{talk.pk}"))
    assert [s.name for s in response.context["speakers"]] == ["Łukasz", "Guest"]
    assert response.context["session"].decisions == [("accepted", "Accept"), ("rejected", "Reject")]


def test_a_track_organizer_decides_and_a_moderator_only_reads(event, team, talk):
    html = signed_in(team["moderator"]).get(url(event, "sessions")).content.decode()
    assert "data-decision" not in html
    decide(signed_in(team["track_organizer"]), event, talk, "accepted")
    talk.refresh_from_db()
    assert talk.state == "accepted"
