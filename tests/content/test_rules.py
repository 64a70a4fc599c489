"""The data rules of event content: same-event references, last-modified-at, visibility, custom forms."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from events.models import Faq, Session, Sponsor
from tests.conftest import ApiClient, resource
from tests.content.conftest import give_role, rel, rels
from tests.factories import (
    CustomFormFactory,
    EventFactory,
    FaqTypeFactory,
    SessionFactory,
    SpeakerFactory,
    SponsorFactory,
    TrackFactory,
    UserFactory,
)


@pytest.mark.django_db
def test_faq_with_faq_type_of_another_event_is_422_on_relationship(org_api, event):
    foreign_type = FaqTypeFactory(event=EventFactory())
    response = org_api.post(
        f"/v1/events/{event.pk}/faqs",
        resource(
            "faq", {"question": "Q?", "answer": "A"}, relationships={"faq-type": rel("faq-type", foreign_type.pk)}
        ),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/faq-type"
    assert not Faq.objects.exists()


@pytest.mark.django_db
def test_faq_with_faq_type_of_same_event_is_grouped_under_it(org_api, event):
    faq_type = FaqTypeFactory(event=event)
    response = org_api.post(
        f"/v1/events/{event.pk}/faqs",
        resource("faq", {"question": "Q?", "answer": "A"}, relationships={"faq-type": rel("faq-type", faq_type.pk)}),
    )
    assert response.status_code == 201
    assert response.json()["data"]["relationships"]["faq-type"]["data"] == {"type": "faq-type", "id": str(faq_type.pk)}
    listed = org_api.get(f"/v1/faq-types/{faq_type.pk}?include=faqs").json()
    assert listed["data"]["relationships"]["faqs"]["data"] == [{"type": "faq", "id": response.json()["data"]["id"]}]


@pytest.mark.django_db
def test_faq_moved_to_faq_type_of_another_event_is_422(org_api, event):
    faq = Faq.objects.create(event=event, question="Q", answer="A")
    foreign_type = FaqTypeFactory(event=EventFactory())
    response = org_api.patch(
        f"/v1/faqs/{faq.pk}",
        resource("faq", {}, id=faq.pk, relationships={"faq-type": rel("faq-type", foreign_type.pk)}),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/faq-type"
    faq.refresh_from_db()
    assert faq.faq_type_id is None


@pytest.mark.django_db
def test_session_with_track_or_speaker_of_another_event_is_422(org_api, event):
    other = EventFactory()
    track = TrackFactory(event=other)
    speaker = SpeakerFactory(event=other)
    by_track = org_api.post(
        f"/v1/events/{event.pk}/sessions",
        resource("session", {"title": "T"}, relationships={"track": rel("track", track.pk)}),
    )
    assert by_track.status_code == 422
    assert by_track.json()["errors"][0]["source"]["pointer"] == "/data/relationships/track"
    by_speaker = org_api.post(
        f"/v1/events/{event.pk}/sessions",
        resource("session", {"title": "T"}, relationships={"speakers": rels("speaker", [speaker.pk])}),
    )
    assert by_speaker.status_code == 422
    assert by_speaker.json()["errors"][0]["source"]["pointer"] == "/data/relationships/speakers"
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_session_links_track_and_speakers_of_same_event(org_api, event):
    track = TrackFactory(event=event)
    speakers = [SpeakerFactory(event=event), SpeakerFactory(event=event)]
    response = org_api.post(
        f"/v1/events/{event.pk}/sessions",
        resource(
            "session",
            {"title": "T"},
            relationships={"track": rel("track", track.pk), "speakers": rels("speaker", [s.pk for s in speakers])},
        ),
    )
    assert response.status_code == 201
    session = Session.objects.get()
    assert session.track == track
    assert set(session.speakers.all()) == set(speakers)
    assert session.creator is not None
    speaker_doc = org_api.get(f"/v1/speakers/{speakers[0].pk}").json()["data"]
    assert speaker_doc["relationships"]["sessions"]["data"] == [{"type": "session", "id": str(session.pk)}]


@pytest.mark.django_db
def test_session_ending_before_start_is_422(org_api, event):
    now = timezone.now()
    response = org_api.post(
        f"/v1/events/{event.pk}/sessions",
        resource(
            "session", {"title": "T", "starts-at": now.isoformat(), "ends-at": (now - timedelta(hours=1)).isoformat()}
        ),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/ends-at"


@pytest.mark.django_db
def test_session_last_modified_at_set_on_create_in_utc(org_api, event):
    response = org_api.post(f"/v1/events/{event.pk}/sessions", resource("session", {"title": "T"}))
    session = Session.objects.get()
    assert session.last_modified_at is not None
    assert session.last_modified_at.utcoffset() == timedelta(0)
    stamp = response.json()["data"]["attributes"]["last-modified-at"]
    assert datetime.fromisoformat(stamp.replace("Z", "+00:00")) == session.last_modified_at


@pytest.mark.django_db
def test_session_last_modified_at_moves_on_every_change(org_api, event):
    session = SessionFactory(event=event)
    before = session.last_modified_at
    response = org_api.patch(f"/v1/sessions/{session.pk}", resource("session", {"title": "Renamed"}, id=session.pk))
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.last_modified_at > before

    after_patch = session.last_modified_at
    speaker = SpeakerFactory(event=event)
    org_api.patch(
        f"/v1/sessions/{session.pk}",
        resource("session", {}, id=session.pk, relationships={"speakers": rels("speaker", [speaker.pk])}),
    )
    session.refresh_from_db()
    assert session.last_modified_at > after_patch

    after_speakers = session.last_modified_at
    session.soft_delete()
    session.refresh_from_db()
    assert session.last_modified_at > after_speakers


@pytest.mark.django_db
def test_session_last_modified_at_sent_by_client_is_ignored(org_api, event):
    session = SessionFactory(event=event)
    forged = "2001-01-01T00:00:00Z"
    org_api.patch(
        f"/v1/sessions/{session.pk}", resource("session", {"title": "X", "last-modified-at": forged}, id=session.pk)
    )
    session.refresh_from_db()
    assert session.last_modified_at > datetime(2020, 1, 1, tzinfo=UTC)
    created = org_api.post(
        f"/v1/events/{event.pk}/sessions", resource("session", {"title": "Y", "last-modified-at": forged})
    )
    assert created.json()["data"]["attributes"]["last-modified-at"] != forged


@pytest.mark.django_db
def test_sessions_and_speakers_hidden_until_schedule_published():
    event = EventFactory(schedule_published_on=None)
    session = SessionFactory(event=event)
    speaker = SpeakerFactory(event=event)
    track = TrackFactory(event=event)
    anonymous, stranger = ApiClient(), ApiClient(UserFactory())
    moderator = ApiClient(give_role(UserFactory(), event, "moderator"))
    # an event's lists show what the actor may read: nothing yet, as the client expects (not a 401/403)
    assert anonymous.get(f"/v1/events/{event.pk}/sessions").json()["data"] == []
    assert stranger.get(f"/v1/events/{event.pk}/sessions").json()["data"] == []
    assert stranger.get(f"/v1/events/{event.pk}/speakers").json()["data"] == []
    assert stranger.get(f"/v1/sessions/{session.pk}").status_code == 404
    assert stranger.get(f"/v1/speakers/{speaker.pk}").status_code == 404
    assert anonymous.get(f"/v1/tracks/{track.pk}").status_code == 200  # tracks of a published event are public
    assert [d["id"] for d in moderator.get(f"/v1/events/{event.pk}/sessions").json()["data"]] == [str(session.pk)]

    event.schedule_published_on = timezone.now()
    event.save()
    assert anonymous.get(f"/v1/events/{event.pk}/sessions").status_code == 200
    assert anonymous.get(f"/v1/speakers/{speaker.pk}").status_code == 200


@pytest.mark.django_db
def test_content_of_draft_event_is_not_found_for_outsiders(org_api):
    draft = EventFactory(state="draft")
    track = TrackFactory(event=draft)
    assert ApiClient(UserFactory()).get(f"/v1/tracks/{track.pk}").status_code == 404
    assert ApiClient(UserFactory()).get(f"/v1/events/{draft.pk}/tracks").status_code == 404
    organizer = ApiClient(give_role(UserFactory(), draft, "organizer"))
    assert organizer.get(f"/v1/tracks/{track.pk}").status_code == 200


@pytest.mark.django_db
def test_custom_forms_read_by_signed_in_users_only(event):
    form = CustomFormFactory(event=event)
    assert ApiClient().get(f"/v1/events/{event.pk}/custom-forms").json()["data"] == []
    assert ApiClient(UserFactory()).get(f"/v1/events/{event.pk}/custom-forms").status_code == 200
    assert ApiClient(UserFactory()).get(f"/v1/custom-forms/{form.pk}").status_code == 200
    patched = ApiClient(UserFactory()).patch(
        f"/v1/custom-forms/{form.pk}", resource("custom-form", {"name": "x"}, id=form.pk)
    )
    assert patched.status_code == 403


@pytest.mark.django_db
def test_custom_form_duplicate_field_identifier_is_422(org_api, event):
    CustomFormFactory(event=event, form="speaker", field_identifier="shirt")
    response = org_api.post(
        f"/v1/events/{event.pk}/custom-forms",
        resource("custom-form", {"form": "speaker", "field-identifier": "shirt", "type": "text"}),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/field-identifier"


@pytest.mark.django_db
def test_sponsor_type_attribute_kept_when_patch_omits_it(org_api, event):
    sponsor = SponsorFactory(event=event, type="Gold")
    response = org_api.patch(f"/v1/sponsors/{sponsor.pk}", resource("sponsor", {"name": "New"}, id=sponsor.pk))
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["type"] == "Gold"
    assert Sponsor.objects.get().type == "Gold"


@pytest.mark.django_db
def test_sessions_filter_by_state_track_and_starts_at_range(org_api, event):
    now = timezone.now().replace(microsecond=0)
    track = TrackFactory(event=event)
    early = SessionFactory(event=event, track=track, state="accepted", starts_at=now, ends_at=now + timedelta(hours=1))
    SessionFactory(event=event, state="rejected", starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=2))
    late = SessionFactory(event=event, track=track, state="accepted", starts_at=now + timedelta(days=1))

    def ids(query):
        response = org_api.get(f"/v1/events/{event.pk}/sessions?{query}")
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["data"]]

    assert ids("filter[state]=accepted") == [str(early.pk), str(late.pk)]
    assert ids(f"filter[track]={track.pk}&sort=-starts-at") == [str(late.pk), str(early.pk)]
    start = (now + timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(f"filter[starts-at.gte]={start}&filter[state]=accepted") == [str(late.pk)]
    oef = '[{"name":"state","op":"eq","val":"accepted"},{"name":"starts-at","op":"lt","val":"' + start + '"}]'
    assert ids(f"filter={oef}") == [str(early.pk)]
    has_track = '[{"name":"track","op":"has","val":{"name":"name","op":"eq","val":"' + track.name + '"}}]'
    assert ids(f"filter={has_track}") == [str(early.pk), str(late.pk)]
    assert org_api.get(f"/v1/events/{event.pk}/sessions?filter[nope]=1").status_code == 400


@pytest.mark.django_db
def test_speakers_filter_by_their_sessions_state_without_duplicates(org_api, event):
    speaker = SpeakerFactory(event=event)
    for _ in range(2):
        SessionFactory(event=event, state="confirmed").speakers.add(speaker)
    SpeakerFactory(event=event)
    oef = '[{"name":"sessions","op":"any","val":{"name":"state","op":"eq","val":"confirmed"}}]'
    response = org_api.get(f"/v1/events/{event.pk}/speakers?filter={oef}")
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["data"]] == [str(speaker.pk)]


@pytest.mark.django_db
def test_speaker_contact_details_only_for_the_team(organizer, event):
    speaker = SpeakerFactory(event=event, email="ada@example.org", mobile="+1 555")
    public = ApiClient().get(f"/v1/speakers/{speaker.pk}").json()["data"]["attributes"]
    assert "email" not in public and "mobile" not in public
    assert public["name"] == speaker.name
    team = ApiClient(organizer).get(f"/v1/events/{event.pk}/speakers").json()["data"][0]["attributes"]
    assert (team["email"], team["mobile"]) == ("ada@example.org", "+1 555")
    included = ApiClient().get(f"/v1/events/{event.pk}/sessions?include=speakers").json()
    assert "included" not in included or all("email" not in i["attributes"] for i in included["included"])


@pytest.mark.django_db
def test_session_patch_with_stale_if_match_is_412_and_writes_nothing(org_api, event):
    session = SessionFactory(event=event, title="Old")
    tag = org_api.get(f"/v1/sessions/{session.pk}")["ETag"]
    assert org_api.get(f"/v1/sessions/{session.pk}", headers={"If-None-Match": tag}).status_code == 304
    org_api.patch(f"/v1/sessions/{session.pk}", resource("session", {"title": "New"}, id=session.pk))
    stale = org_api.patch(
        f"/v1/sessions/{session.pk}", resource("session", {"title": "Newer"}, id=session.pk), headers={"If-Match": tag}
    )
    assert stale.status_code == 412
    session.refresh_from_db()
    assert session.title == "New"
