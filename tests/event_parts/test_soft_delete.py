"""Tracks, session types, rooms, speakers, sponsors and social links are soft-deleted (issue 14 item 2): DELETE
sets `deleted-at`, the row disappears from reads and relationships, `?permanent=true` removes it."""

import pytest

from events.copy import event_copy
from events.models import Speaker, Track
from tests.factories import SessionFactory, SpeakerFactory, TrackFactory

pytestmark = pytest.mark.django_db


def test_a_deleted_speaker_leaves_the_sessions_speakers_and_the_copy(org_api, organizer, event):
    kept, gone = SpeakerFactory(event=event, name="Kept"), SpeakerFactory(event=event, name="Gone")
    session = SessionFactory(event=event)
    session.speakers.add(kept, gone)
    assert org_api.delete(f"/v1/speakers/{gone.pk}").status_code == 200
    assert Speaker.objects.get(pk=gone.pk).deleted_at is not None
    linkage = org_api.get(f"/v1/sessions/{session.pk}").json()["data"]["relationships"]["speakers"]["data"]
    assert linkage == [{"type": "speaker", "id": str(kept.pk)}]
    assert org_api.get(f"/v1/speakers/{gone.pk}").status_code == 404
    copy = event_copy(actor=organizer, event=event)
    assert list(copy.speakers.values_list("name", flat=True)) == ["Kept"]
    assert list(copy.sessions.get().speakers.values_list("name", flat=True)) == ["Kept"]


def test_deleted_at_is_shown_and_permanent_delete_removes_the_row(org_api, event):
    track = TrackFactory(event=event)
    assert org_api.get(f"/v1/tracks/{track.pk}").json()["data"]["attributes"]["deleted-at"] is None
    org_api.delete(f"/v1/tracks/{track.pk}")
    assert [t["id"] for t in org_api.get(f"/v1/events/{event.pk}/tracks").json()["data"]] == []
    trashed = org_api.get(f"/v1/events/{event.pk}/tracks?get_trashed=true").json()["data"]
    assert trashed[0]["attributes"]["deleted-at"] is not None
    other = TrackFactory(event=event)
    assert org_api.delete(f"/v1/tracks/{other.pk}?permanent=true").status_code == 200
    assert not Track.objects.filter(pk=other.pk).exists()


def test_a_state_change_mails_the_live_speakers_with_the_documented_template(
    org_api, event, mailoutbox, django_capture_on_commit_callbacks
):
    from events.session_notify import ANNOUNCED

    session = SessionFactory(event=event, state="pending", send_email=True, title="Talk")
    session.speakers.add(SpeakerFactory(event=event, email="kept@example.org"))
    gone = SpeakerFactory(event=event, email="gone@example.org")
    session.speakers.add(gone)
    gone.soft_delete()
    body = {"data": {"type": "session", "id": str(session.pk), "attributes": {"state": "withdrawn"}}}
    with django_capture_on_commit_callbacks(execute=True):  # mails are queued once the request commits
        assert org_api.patch(f"/v1/sessions/{session.pk}", body).status_code == 200
    subjects = {(m.to[0], m.subject) for m in mailoutbox}
    expected = ANNOUNCED["withdrawn"][0].format(session_name="Talk", event_name=event.name)
    assert subjects == {("kept@example.org", expected)}
