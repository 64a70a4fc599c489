"""/v1/event-topics, /v1/event-sub-topics (and nested under a topic), /v1/event-types: anyone reads, admins write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventSubTopic, EventTopic, EventType
from tests.conftest import resource

pytestmark = pytest.mark.django_db


def topic_rel(topic):
    return {"event-topic": {"data": {"type": "event-topic", "id": str(topic.pk)}}}


def test_admin_creates_topic_with_generated_slug(admin_api, user_api):
    assert user_api.post("/v1/event-topics", resource("event-topic", {"name": "Science"})).status_code == 403
    response = admin_api.post("/v1/event-topics", resource("event-topic", {"name": "Science & Tech"}))
    assert response.status_code == 201
    assert response.json()["data"]["attributes"]["slug"] == "science-tech"


def test_duplicate_topic_name_is_rejected(admin_api):
    EventTopic.objects.create(name="Science")
    response = admin_api.post("/v1/event-topics", resource("event-topic", {"name": "Science"}))
    assert response.status_code in (409, 422)
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/name"


def test_sub_topics_nested_under_their_topic(api, admin_api):
    science, art = EventTopic.objects.create(name="Science"), EventTopic.objects.create(name="Art")
    response = admin_api.post(
        "/v1/event-sub-topics", resource("event-sub-topic", {"name": "Physics"}, relationships=topic_rel(science))
    )
    assert response.status_code == 201
    EventSubTopic.objects.create(name="Painting", event_topic=art)
    names = [i["attributes"]["name"] for i in api.get(f"/v1/event-topics/{science.pk}/event-sub-topics").json()["data"]]
    assert names == ["Physics"]
    assert api.get("/v1/event-topics/999999/event-sub-topics").status_code == 404


def test_event_types_read_publicly_and_written_by_admins(api, admin_api):
    kind = EventType.objects.create(name="Meetup")
    assert api.get(f"/v1/event-types/{kind.pk}").json()["data"]["type"] == "event-type"
    doc = resource("event-type", {"name": "Meet-up"}, id=kind.pk)
    assert api.patch(f"/v1/event-types/{kind.pk}", doc).status_code == 401
    assert admin_api.patch(f"/v1/event-types/{kind.pk}", doc).status_code == 200
    assert admin_api.delete(f"/v1/event-types/{kind.pk}").status_code == 200


@pytest.mark.parametrize(
    "url, make",
    [
        ("/v1/event-topics", lambda n: EventTopic.objects.create(name=f"T{n}")),
        ("/v1/event-types", lambda n: EventType.objects.create(name=f"K{n}")),
        (
            "/v1/event-sub-topics?include=event-topic",
            lambda n: EventSubTopic.objects.create(name=f"S{n}", event_topic=EventTopic.objects.create(name=f"P{n}")),
        ),
        (
            "/v1/event-topics/<science>/event-sub-topics?include=event-topic",
            lambda n: EventSubTopic.objects.create(name=f"S{n}", event_topic=EventTopic.objects.get(name="Science")),
        ),
    ],
)
def test_vocabulary_lists_have_constant_query_count(api, url, make):
    if "<science>" in url:
        url = url.replace("<science>", str(EventTopic.objects.create(name="Science").pk))
    make(0)
    with CaptureQueriesContext(connection) as one:
        assert api.get(url).status_code == 200
    for n in range(1, 5):
        make(n)
    with CaptureQueriesContext(connection) as five:
        response = api.get(url)
    assert len(response.json()["data"]) == 5
    assert len(five.captured_queries) == len(one.captured_queries)
