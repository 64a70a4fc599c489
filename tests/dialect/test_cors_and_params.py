"""CORS for clients on other origins, and the query parameters the Open Event client adds."""

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import ApiClient
from tests.factories import EventFactory, PageFactory

pytestmark = pytest.mark.django_db

CLIENT_ORIGIN = "http://localhost:4200"


def test_cors_default_origins_are_the_local_client_ports():
    assert {"http://localhost:4200", "http://127.0.0.1:4200", "http://127.0.0.1:8107"} <= set(
        settings.CORS_ALLOWED_ORIGINS
    )


def test_preflight_answers_without_authentication():
    response = Client().options(
        "/v1/events",
        headers={
            "Origin": CLIENT_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == CLIENT_ORIGIN
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed
    assert "PATCH" in response["Access-Control-Allow-Methods"]


def test_cross_origin_answer_exposes_etag_and_location(db):
    EventFactory()
    response = Client().get("/v1/events", headers={"Origin": CLIENT_ORIGIN, "Accept": "application/vnd.api+json"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == CLIENT_ORIGIN
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "location"} <= exposed


def test_unknown_origin_gets_no_cors_headers():
    response = Client().options(
        "/v1/events", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("query", ["cache=true&public=true", "upcoming=true", "nocache=true", "reload=true"])
def test_client_parameters_are_accepted_and_ignored(query):
    PageFactory()
    assert ApiClient().get(f"/v1/pages?{query}").json()["meta"]["count"] == 1


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("bogus=1", "bogus"),
        ("filter[nope]=1", "filter[nope]"),
        ("sort=nope", "sort"),
        ("page[size]=x", "page[size]"),
        ("filter=not-json", "filter"),
    ],
)
def test_real_mistakes_are_still_400(query, parameter):
    response = ApiClient().get(f"/v1/pages?cache=true&{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": parameter}


def test_unknown_include_is_still_400():
    EventFactory()
    assert ApiClient().get("/v1/events?include=no-such-thing").status_code == 400
    assert ApiClient().get("/v1/events?include=event-topic.no-such-thing").status_code == 400
