"""Create, read, update and delete of every content type, on the nested, top-level and by-id routes."""

import pytest

from events.models import (
    CustomForm,
    Faq,
    FaqType,
    Microlocation,
    Session,
    SessionType,
    SocialLink,
    Speaker,
    Sponsor,
    Track,
)
from tests.conftest import ApiClient, resource
from tests.content.conftest import rel

# (route, type, model, create attributes, patch attributes)
TYPES = [
    ("tracks", "track", Track, {"name": "Web", "color": "#ff0000"}, {"name": "Web & Mobile"}),
    ("session-types", "session-type", SessionType, {"name": "Talk", "length": "00:45"}, {"length": "01:00"}),
    ("microlocations", "microlocation", Microlocation, {"name": "Room A", "floor": 2}, {"hidden-in-scheduler": True}),
    ("speakers", "speaker", Speaker, {"name": "Ada", "email": "ada@example.org"}, {"organisation": "FOSSASIA"}),
    ("sessions", "session", Session, {"title": "Keynote", "state": "accepted"}, {"subtitle": "The future"}),
    ("sponsors", "sponsor", Sponsor, {"name": "ACME", "level": 1, "type": "Gold"}, {"url": "https://acme.example"}),
    ("social-links", "social-link", SocialLink, {"name": "Web", "link": "https://e.example"}, {"name": "Site"}),
    (
        "custom-forms",
        "custom-form",
        CustomForm,
        {"form": "attendee", "field-identifier": "city", "type": "text"},
        {"is-required": True},
    ),
    ("faq-types", "faq-type", FaqType, {"name": "Travel"}, {"name": "Getting there"}),
    ("faqs", "faq", Faq, {"question": "Wifi?", "answer": "Yes"}, {"answer": "<b>Yes</b>"}),
]
IDS = [t[1] for t in TYPES]


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "type_", "model", "attributes", "changes"), TYPES, ids=IDS)
def test_content_crud_on_nested_and_by_id_routes(org_api, event, route, type_, model, attributes, changes):
    created = org_api.post(f"/v1/events/{event.identifier}/{route}", resource(type_, attributes))
    assert created.status_code == 201, created.content
    doc = created.json()["data"]
    assert doc["type"] == type_
    assert "data" not in doc["relationships"]["event"]  # events: linkage only when included (the client's key)
    assert created["Location"].endswith(f"/v1/{route}/{doc['id']}")
    obj = model.objects.get(pk=doc["id"])
    assert obj.event_id == event.pk

    listed = org_api.get(f"/v1/events/{event.pk}/{route}")
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["data"]] == [doc["id"]]

    fetched = org_api.get(f"/v1/{route}/{doc['id']}")
    assert fetched.status_code == 200
    assert fetched.json()["data"]["attributes"] == doc["attributes"] | fetched.json()["data"]["attributes"]

    patched = org_api.patch(f"/v1/{route}/{doc['id']}", resource(type_, changes, id=doc["id"]))
    assert patched.status_code == 200, patched.content
    for key, value in changes.items():
        if key != "answer":
            assert patched.json()["data"]["attributes"][key] == value

    deleted = org_api.delete(f"/v1/{route}/{doc['id']}")
    assert deleted.status_code == 200
    assert org_api.get(f"/v1/{route}/{doc['id']}").status_code == 404
    if hasattr(model, "soft_delete"):
        assert model.objects.get(pk=doc["id"]).deleted_at is not None
    else:
        assert not model.objects.filter(pk=doc["id"]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "type_", "model", "attributes", "changes"), TYPES, ids=IDS)
def test_content_create_on_top_level_route_takes_event_relationship(
    org_api, event, route, type_, model, attributes, changes
):
    response = org_api.post(
        f"/v1/{route}", resource(type_, attributes, relationships={"event": rel("event", event.pk)})
    )
    assert response.status_code == 201, response.content
    assert model.objects.get(pk=response.json()["data"]["id"]).event_id == event.pk


@pytest.mark.django_db
def test_content_create_on_top_level_route_without_event_is_422(org_api):
    response = org_api.post("/v1/tracks", resource("track", {"name": "Orphan"}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/event"


@pytest.mark.django_db
def test_content_invalid_attribute_is_422_with_pointer(org_api, event):
    response = org_api.post(
        f"/v1/events/{event.pk}/session-types", resource("session-type", {"name": "X", "length": "long"})
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/length"


@pytest.mark.django_db
def test_content_html_is_sanitized(org_api, event):
    response = org_api.post(
        f"/v1/events/{event.pk}/faqs",
        resource("faq", {"question": "Safe?", "answer": "<p>Yes<script>alert(1)</script></p>"}),
    )
    assert response.status_code == 201
    assert Faq.objects.get().answer == "<p>Yes</p>"


@pytest.mark.django_db
def test_content_soft_deleted_session_visible_to_team_with_get_trashed(org_api, event):
    from tests.factories import SessionFactory

    session = SessionFactory(event=event)
    assert org_api.delete(f"/v1/sessions/{session.pk}").status_code == 200
    assert org_api.get(f"/v1/events/{event.pk}/sessions").json()["data"] == []
    trashed = org_api.get(f"/v1/events/{event.pk}/sessions?get_trashed=true").json()["data"]
    assert [s["id"] for s in trashed] == [str(session.pk)]
    assert ApiClient().get(f"/v1/events/{event.pk}/sessions?get_trashed=true").json()["data"] == []


@pytest.mark.django_db
def test_content_permanent_delete_removes_session(org_api, event):
    from tests.factories import SessionFactory

    session = SessionFactory(event=event)
    assert org_api.delete(f"/v1/sessions/{session.pk}?permanent=true").status_code == 200
    assert not Session.objects.filter(pk=session.pk).exists()
