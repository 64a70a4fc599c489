"""Feedback (feedback.apib) and favourites (event/favourite_events.apib, session/favourite_sessions.apib):
rows of the user who made them."""

import pytest

from events.models import Event, Feedback, UserFavouriteSession
from tests.conftest import ApiClient, resource
from tests.event_parts.conftest import give_role, rel
from tests.event_parts.factories import FeedbackFactory, UserFavouriteEventFactory, UserFavouriteSessionFactory
from tests.factories import EventFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(event):
    return SessionFactory(event=event, state="confirmed")


@pytest.fixture
def attendee():
    return UserFactory()


def test_an_attendee_rates_a_session_and_the_session_average_follows(event, session, attendee):
    other = UserFactory()
    body = resource(
        "feedback",
        {"rating": 4, "comment": "Awesome session."},
        relationships={"session": rel("session", session.pk), "user": rel("user", other.pk)},
    )
    response = ApiClient(attendee).post("/v1/feedbacks", body)
    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert data["attributes"] == {"rating": 4.0, "comment": "Awesome session.", "deleted-at": None}
    assert data["relationships"]["user"]["data"]["id"] == str(attendee.pk)  # the author, not the document's user
    assert "data" not in data["relationships"]["event"]  # events: linkage only when included (the client's key)
    body["data"]["attributes"]["rating"] = 2
    assert ApiClient(UserFactory()).post("/v1/feedbacks", body).status_code == 201
    session.refresh_from_db()
    assert session.average_rating == 3


def test_average_rating_is_recomputed_on_update_and_delete(event, session, attendee):
    api = ApiClient(attendee)
    body = resource("feedback", {"rating": 5}, relationships={"session": rel("session", session.pk)})
    feedback_id = api.post("/v1/feedbacks", body).json()["data"]["id"]
    session.refresh_from_db()
    assert session.average_rating == 5
    api.patch(f"/v1/feedbacks/{feedback_id}", resource("feedback", {"rating": 3}, id=feedback_id))
    session.refresh_from_db()
    assert session.average_rating == 3
    assert api.delete(f"/v1/feedbacks/{feedback_id}").status_code == 200
    session.refresh_from_db()
    assert session.average_rating == 0


def test_a_rating_outside_0_to_5_is_rejected(event, attendee):
    body = resource("feedback", {"rating": 7}, relationships={"event": rel("event", event.pk)})
    assert ApiClient(attendee).post("/v1/feedbacks", body).status_code == 422
    assert not Feedback.objects.exists()


def test_feedback_on_a_draft_event_or_its_hidden_session_is_rejected(attendee):
    draft = EventFactory(state=Event.State.DRAFT)
    hidden = SessionFactory(event=draft)
    api = ApiClient(attendee)
    on_session = resource("feedback", {"rating": 3}, relationships={"session": rel("session", hidden.pk)})
    assert api.post("/v1/feedbacks", on_session).status_code == 422  # as if there were no such session
    on_event = resource("feedback", {"rating": 3}, relationships={"event": rel("event", draft.pk)})
    assert api.post("/v1/feedbacks", on_event).status_code == 404
    assert not Feedback.objects.exists()


def test_feedback_is_read_by_its_author_and_the_organizers_and_changed_only_by_its_author(event, organizer):
    feedback = FeedbackFactory(event=event, comment="<b>meh</b>")
    author = ApiClient(feedback.user)
    stranger = ApiClient(UserFactory())
    assert author.get(f"/v1/feedbacks/{feedback.pk}").status_code == 200
    assert ApiClient(organizer).get(f"/v1/feedbacks/{feedback.pk}").status_code == 200
    assert stranger.get(f"/v1/feedbacks/{feedback.pk}").status_code == 404
    assert [f["id"] for f in ApiClient(organizer).get(f"/v1/events/{event.pk}/feedbacks").json()["data"]] == [
        str(feedback.pk)
    ]
    assert stranger.get(f"/v1/events/{event.pk}/feedbacks").json()["data"] == []
    patch = resource("feedback", {"comment": "changed"}, id=feedback.pk)
    assert ApiClient(organizer).patch(f"/v1/feedbacks/{feedback.pk}", patch).status_code == 403
    assert author.patch(f"/v1/feedbacks/{feedback.pk}", patch).status_code == 200


def test_a_user_favourites_a_session_once_and_the_count_follows(session, attendee):
    api = ApiClient(attendee)
    body = {"data": {"type": "user-favourite-session", "relationships": {"session": rel("session", session.pk)}}}
    created = api.post("/v1/user-favourite-sessions", body)
    assert created.status_code == 201, created.content
    assert created.json()["data"]["relationships"]["user"]["data"]["id"] == str(attendee.pk)
    assert api.post("/v1/user-favourite-sessions", body).status_code == 409
    session.refresh_from_db()
    assert session.favourite_count == 1
    favourite_id = created.json()["data"]["id"]
    assert api.delete(f"/v1/user-favourite-sessions/{favourite_id}").status_code == 200
    session.refresh_from_db()
    assert session.favourite_count == 0


def test_favourites_are_private(event, session, attendee):
    mine = UserFavouriteSessionFactory(session=session, user=attendee)
    theirs = UserFavouriteSessionFactory(session=session)
    api = ApiClient(attendee)
    assert api.get(f"/v1/user-favourite-sessions/{theirs.pk}").status_code == 404
    assert api.delete(f"/v1/user-favourite-sessions/{theirs.pk}").status_code == 404
    for url in (
        f"/v1/sessions/{session.pk}/user-favourite-sessions",
        f"/v1/events/{event.pk}/user-favourite-sessions",
        f"/v1/users/{attendee.pk}/user-favourite-sessions",
        "/v1/user-favourite-sessions",
    ):
        response = api.get(url)
        assert [f["id"] for f in response.json()["data"]] == [str(mine.pk)], url
    assert api.get(f"/v1/users/{theirs.user_id}/user-favourite-sessions").status_code == 403
    included = api.get(f"/v1/sessions/{session.pk}?include=favourite").json()
    assert included["data"]["relationships"]["favourite"]["data"] == {
        "type": "user-favourite-session",
        "id": str(mine.pk),
    }
    assert UserFavouriteSession.objects.count() == 2


def test_a_user_favourites_an_event(event, attendee):
    api = ApiClient(attendee)
    body = {"data": {"type": "user-favourite-event", "relationships": {"event": rel("event", event.pk)}}}
    created = api.post("/v1/user-favourite-events", body)
    assert created.status_code == 201, created.content
    assert created.json()["data"]["attributes"] == {"deleted-at": None}
    assert api.post("/v1/user-favourite-events", body).status_code == 409
    other = UserFavouriteEventFactory(event=event)
    assert api.get(f"/v1/user-favourite-events/{other.pk}").status_code == 404
    assert [f["id"] for f in api.get("/v1/user-favourite-events").json()["data"]] == [created.json()["data"]["id"]]


def test_a_draft_event_cannot_be_favourited_by_outsiders(attendee):
    draft = EventFactory(state=Event.State.DRAFT)
    body = {"data": {"type": "user-favourite-event", "relationships": {"event": rel("event", draft.pk)}}}
    assert ApiClient(attendee).post("/v1/user-favourite-events", body).status_code == 422
    organizer = give_role(UserFactory(), draft, "organizer")
    assert ApiClient(organizer).post("/v1/user-favourite-events", body).status_code == 201
