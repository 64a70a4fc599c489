"""Platform catalogues (event/event_locations.apib, custom_placeholders.apib, image_size.apib): everyone
reads them, admins write them."""

import pytest

from events.models import CustomPlaceholder, EventLocation, EventSubTopic, EventTopic, ImageSize
from tests.conftest import ApiClient, resource
from tests.event_parts.factories import CustomPlaceholderFactory, EventLocationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_api():
    return ApiClient(UserFactory(is_admin=True))


def test_anyone_lists_event_locations_by_name(api):
    EventLocationFactory(name="Singapore", slug="singapore")
    EventLocationFactory(name="Berlin", slug="berlin")
    response = api.get("/v1/event-locations?sort=name")
    assert response.status_code == 200
    assert [item["attributes"] for item in response.json()["data"]] == [
        {"name": "Berlin", "slug": "berlin"},
        {"name": "Singapore", "slug": "singapore"},
    ]


def test_admin_creates_an_event_location_with_a_derived_slug_and_a_clash_is_a_conflict(admin_api):
    response = admin_api.post("/v1/event-locations", resource("event-location", {"name": "New York"}))
    assert response.status_code == 201, response.content
    assert response.json()["data"]["attributes"]["slug"] == "new-york"
    again = admin_api.post("/v1/event-locations", resource("event-location", {"name": "New York"}))
    assert again.status_code in (409, 422)
    assert EventLocation.objects.count() == 1


def test_a_user_cannot_write_catalogues():
    user_api = ApiClient(UserFactory())
    assert user_api.post("/v1/event-locations", resource("event-location", {"name": "X"})).status_code == 403
    body = resource("custom-placeholder", {"name": "x", "original-image-url": "https://e.example/x.jpg"})
    assert user_api.post("/v1/custom-placeholders", body).status_code == 403
    assert not CustomPlaceholder.objects.exists()


def test_a_sub_topic_shows_its_custom_placeholder(admin_api, api):
    topic = EventTopic.objects.create(name="Science", slug="science")
    sub_topic = EventSubTopic.objects.create(name="Physics", slug="physics", event_topic=topic)
    body = resource(
        "custom-placeholder",
        {
            "name": "example",
            "origin": "example",
            "copyright": "example",
            "original_image_url": "https://e.example/a.jpg",
        },
        relationships={"event-sub-topic": {"data": {"type": "event-sub-topic", "id": str(sub_topic.pk)}}},
    )
    created = admin_api.post("/v1/custom-placeholders", body)
    assert created.status_code == 201, created.content
    assert created.json()["data"]["attributes"]["original-image-url"] == "https://e.example/a.jpg"
    shown = api.get(f"/v1/event-sub-topics/{sub_topic.pk}/custom-placeholder")
    assert shown.json()["data"]["id"] == created.json()["data"]["id"]


def test_a_placeholder_needs_an_http_image_url(admin_api):
    body = resource("custom-placeholder", {"name": "x", "original-image-url": "javascript:alert(1)"})
    assert admin_api.post("/v1/custom-placeholders", body).status_code == 422


def test_deleted_placeholders_are_hidden(admin_api, api):
    placeholder = CustomPlaceholderFactory()
    assert admin_api.delete(f"/v1/custom-placeholders/{placeholder.pk}").status_code == 200
    assert api.get(f"/v1/custom-placeholders/{placeholder.pk}").status_code == 404


def test_event_image_sizes_have_the_defaults_and_admins_change_them(admin_api, api):
    response = api.get("/v1/event-image-sizes")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["type"] == "event-image-size"
    assert data["attributes"]["full-width"] == 1300
    assert data["attributes"]["type"] == "event-image"
    body = resource("event-image-size", {"full-width": 1200, "icon-aspect": True}, id=data["id"])
    changed = admin_api.patch("/v1/event-image-sizes", body)
    assert changed.status_code == 200, changed.content
    assert ImageSize.objects.get(type="event-image").full_width == 1200
    assert api.get(f"/v1/event-image-sizes/{data['id']}").json()["data"]["attributes"]["icon-aspect"] is True


def test_speaker_image_sizes_are_their_own_row_and_quality_is_bounded(admin_api, api):
    data = api.get("/v1/speaker-image-sizes").json()["data"]
    assert data["type"] == "speaker-image-size"
    assert data["attributes"]["small-size-width-height"] == 50
    body = resource("speaker-image-size", {"small-size-quality": 101}, id=data["id"])
    assert admin_api.patch("/v1/speaker-image-sizes", body).status_code == 422
    assert ApiClient(UserFactory()).patch("/v1/speaker-image-sizes", body).status_code == 403
