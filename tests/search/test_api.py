"""`GET /v1/events?filter[search]=…` and the Open Event `{"name": "search", …}` filter, on both backends,
combined with filters, sort, include and paging; `meta.search` names the backend."""

import json
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import EventFactory, UserFactory
from tests.search.corpus import make_corpus


@pytest.fixture
def corpus(db, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_corpus()


def names(response):
    assert response.status_code == 200, response.content
    return [row["attributes"]["name"] for row in response.json()["data"]]


def oef(*items):
    return "filter=" + quote(json.dumps(list(items)))


def test_filter_search_ranks_by_relevance(api, corpus, backend):
    response = api.get("/v1/events?filter[search]=berlin")
    assert names(response) == ["Berlin Python Conference", "Data Science Day"]
    assert response.json()["meta"]["search"] == {"backend": backend, "fallback": False}
    assert response.json()["meta"]["count"] == 2


def test_open_event_search_filter_is_the_same(api, corpus, backend):
    response = api.get("/v1/events?" + oef({"name": "search", "op": "eq", "val": "berlin"}))
    assert names(response) == ["Berlin Python Conference", "Data Science Day"]
    assert names(api.get("/v1/events?" + oef({"name": "search", "op": "ilike", "val": "%berl%"}))) == [
        "Berlin Python Conference"
    ]


def test_open_event_search_combines_with_other_filters(api, corpus, backend):
    query = oef(
        {"name": "search", "op": "eq", "val": "berlin"},
        {"name": "name", "op": "ilike", "val": "%science%"},
    )
    assert names(api.get("/v1/events?" + query)) == ["Data Science Day"]
    nested = oef(
        {"and": [{"name": "search", "op": "eq", "val": "wrkshop"}, {"name": "online", "op": "eq", "val": False}]}
    )
    assert names(api.get("/v1/events?" + nested)) == ["Kubernetes Workshop", "Data Science Day"]


def test_search_combines_with_json_api_filters(api, corpus, backend):
    topic = corpus["data"].event_topic_id
    assert names(api.get(f"/v1/events?filter[search]=berlin&filter[event-topic]={topic}")) == ["Data Science Day"]
    starts = corpus["data"].starts_at.isoformat().replace("+00:00", "Z")
    url = f"/v1/events?filter[search]=technology&filter[starts-at.lt]={quote(starts)}"
    assert set(names(api.get(url))) == {"Berlin Python Conference", "Open Source Summit München"}


def test_explicit_sort_overrides_relevance(api, corpus, backend):
    assert names(api.get("/v1/events?filter[search]=berlin&sort=name")) == [
        "Berlin Python Conference",
        "Data Science Day",
    ]
    assert names(api.get("/v1/events?filter[search]=berlin&sort=-starts-at")) == [
        "Data Science Day",
        "Berlin Python Conference",
    ]


def test_search_pages_and_includes(api, corpus, backend):
    response = api.get("/v1/events?filter[search]=berlin&page[size]=1&page[number]=2&include=event-topic")
    assert names(response) == ["Data Science Day"]
    body = response.json()
    assert body["meta"]["count"] == 2
    assert [item["attributes"]["name"] for item in body["included"]] == ["Science"]


def test_search_finds_only_published_events_even_for_their_team(corpus, backend):
    organizer = UserFactory()
    UsersEventsRoles.objects.create(user=organizer, event=corpus["draft"], role=Role.objects.get(name=Role.ORGANIZER))
    client = ApiClient(organizer)
    assert names(client.get("/v1/events?filter[search]=secret")) == []
    # the user's own list searches all of their events
    assert names(client.get(f"/v1/users/{organizer.pk}/events?filter[search]=secret")) == ["Berlin Secret Draft"]


def test_list_without_search_has_no_search_meta(api, corpus, backend):
    assert "search" not in api.get("/v1/events").json()["meta"]


@pytest.mark.parametrize(
    "query",
    [
        oef({"or": [{"name": "search", "op": "eq", "val": "x"}, {"name": "online", "op": "eq", "val": True}]}),
        oef({"not": {"name": "search", "op": "eq", "val": "x"}}),
        oef({"name": "search", "op": "gt", "val": "x"}),
        oef({"name": "search", "op": "eq", "val": {"a": 1}}),
        "filter[search]=" + "x" * 501,
    ],
)
def test_bad_search_is_a_400(api, db, query):
    response = api.get("/v1/events?" + query)
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["source"]["parameter"] in ("filter", "filter[search]")


def test_search_list_query_count_is_constant(api, backend, django_capture_on_commit_callbacks, db):
    def make(n):
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(n):
                EventFactory(name="Berlin Meetup", owner=UserFactory())

    make(1)
    url = "/v1/events?filter[search]=berlin&include=event-topic,owner"
    with CaptureQueriesContext(connection) as one:
        assert len(names(api.get(url))) == 1
    make(4)
    with CaptureQueriesContext(connection) as five:
        assert len(names(api.get(url))) == 5
    assert len(five.captured_queries) == len(one.captured_queries)
