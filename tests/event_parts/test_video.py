"""Video streams (video_stream.apib) and translation channels (translation_channel.apib): the event's members
read them, its organizers write them; the stream's password is for the organizers only."""

import pytest

from events.models import TranslationChannel, VideoStream
from tests.conftest import ApiClient, resource
from tests.event_parts.conftest import give_role, rel
from tests.event_parts.factories import TranslationChannelFactory, VideoStreamFactory
from tests.factories import EventFactory, MicrolocationFactory, SessionFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_organizer_creates_a_stream_and_puts_a_room_on_it(org_api, event):
    body = resource(
        "video-stream",
        {
            "name": "Main",
            "url": "https://stream.example/main",
            "password": "pw",
            "additional-information": "<i>hi</i><script>x</script>",
        },
        relationships={"event": rel("event", event.pk)},
    )
    created = org_api.post("/v1/video-streams", body)
    assert created.status_code == 201, created.content
    stream = VideoStream.objects.get()
    assert stream.additional_information == "<i>hi</i>"
    room = MicrolocationFactory(event=event)
    linked = org_api.patch(
        f"/v1/microlocations/{room.pk}/relationships/video-stream",
        {"data": {"type": "video-stream", "id": str(stream.pk)}},
    )
    assert linked.status_code == 200, linked.content
    rooms = org_api.get(f"/v1/video-streams/{stream.pk}").json()["data"]["relationships"]["rooms"]["data"]
    assert rooms == [{"type": "microlocation", "id": str(room.pk)}]
    assert org_api.get(f"/v1/events/{event.pk}/video-stream").json()["data"]["id"] == str(stream.pk)


def test_a_room_cannot_show_another_events_stream(org_api, event):
    foreign = VideoStreamFactory(event=EventFactory())
    room = MicrolocationFactory(event=event)
    response = org_api.patch(
        f"/v1/microlocations/{room.pk}/relationships/video-stream",
        {"data": {"type": "video-stream", "id": str(foreign.pk)}},
    )
    assert response.status_code == 422
    room.refresh_from_db()
    assert room.video_stream is None


def test_attendees_read_the_stream_without_its_password_outsiders_do_not_see_it(event):
    stream = VideoStreamFactory(event=event)
    attendee = give_role(UserFactory(), event, "attendee")
    seen = ApiClient(attendee).get(f"/v1/video-streams/{stream.pk}")
    assert seen.status_code == 200
    assert "password" not in seen.json()["data"]["attributes"]
    assert seen.json()["data"]["attributes"]["url"] == stream.url
    assert ApiClient(UserFactory()).get(f"/v1/video-streams/{stream.pk}").status_code == 404
    assert ApiClient().get(f"/v1/events/{event.pk}/video-streams").json()["data"] == []
    organizer = give_role(UserFactory(), event, "organizer")
    assert (
        ApiClient(organizer).get(f"/v1/video-streams/{stream.pk}").json()["data"]["attributes"]["password"] == "secret"
    )


def test_translation_channels_belong_to_the_streams_event(org_api, event):
    stream = VideoStreamFactory(event=event)
    body = resource(
        "translation_channel",
        {"name": "example-channel", "url": "http://example-channel.com"},
        relationships={"video-stream": rel("video-stream", stream.pk)},
    )
    created = org_api.post("/v1/translation_channels", body)
    assert created.status_code == 201, created.content
    assert created.json()["data"]["type"] == "translation_channel"
    assert TranslationChannel.objects.get().event == event
    listed = org_api.get(f"/v1/video-streams/{stream.pk}/translation_channels")
    assert [c["id"] for c in listed.json()["data"]] == [created.json()["data"]["id"]]


def test_another_events_organizer_cannot_add_channels_to_a_stream(event):
    stream = VideoStreamFactory(event=event)
    other = give_role(UserFactory(), EventFactory(), "organizer")
    body = resource(
        "translation_channel",
        {"name": "x", "url": "https://x.example"},
        relationships={"video-stream": rel("video-stream", stream.pk)},
    )
    assert ApiClient(other).post("/v1/translation_channels", body).status_code == 403
    channel = TranslationChannelFactory(video_stream=stream)
    assert ApiClient(other).get(f"/v1/translation_channels/{channel.pk}").status_code == 404
    assert not TranslationChannel.objects.exclude(pk=channel.pk).exists()


def test_new_attributes_of_rooms_sessions_and_speakers(org_api, event):
    room = org_api.post(
        f"/v1/events/{event.pk}/microlocations", resource("microlocation", {"name": "Hall", "room": "H-1"})
    )
    assert room.json()["data"]["attributes"]["room"] == "H-1"
    session = SessionFactory(event=event)
    patched = org_api.patch(
        f"/v1/sessions/{session.pk}", resource("session", {"slides-url": "https://slides.example/a.pdf"}, id=session.pk)
    )
    assert patched.json()["data"]["attributes"]["slides-url"] == "https://slides.example/a.pdf"
    speaker = SpeakerFactory(event=event)
    body = resource("speaker", {"sponsorship-required": "<b>travel</b><script>x</script>"}, id=speaker.pk)
    patched = org_api.patch(f"/v1/speakers/{speaker.pk}", body)
    assert patched.json()["data"]["attributes"]["sponsorship-required"] == "<b>travel</b>"


def test_session_state_mails_are_public_and_name_every_state(api):
    body = api.get("/v1/sessions/mails").json()
    assert body["recipient"] == "Speaker"
    assert set(body) == {"pending", "accepted", "confirmed", "rejected", "canceled", "withdrawn", "recipient"}
    assert "{session_name}" in body["accepted"]["subject"]
