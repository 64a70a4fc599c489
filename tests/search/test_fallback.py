"""Health and fallbacks: /health-check reports the search backend; when the engine is down or has no index,
searches answer from the database and say so in `meta`, and nothing else breaks."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import Client

from events.search import elastic
from tests.factories import EventFactory, UserFactory
from tests.search.emulator import needs_emulator
from tests.servers import free_port

pytestmark = pytest.mark.django_db


def search_check(client=None):
    response = (client or Client()).get("/health-check")
    results = {r["checker"]: r for r in response.json()["results"]}
    return response.status_code, results["health_check_search"]


@pytest.fixture
def dead_engine(settings):
    """ELASTICSEARCH_URL points at a port nobody listens on."""
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    settings.SEARCH_ENGINE_TIMEOUT = 2
    elastic.reset()
    yield
    elastic.reset()


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    def make(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return EventFactory(**kwargs)

    return make


def test_health_reports_the_database_backend(no_engine, indexed):
    indexed(name="Health Fair")
    status, check = search_check()
    assert status == 200
    assert check["passed"] and check["critical"] is False
    assert check["output"].startswith("database: ") and "1 event(s)" in check["output"]


@needs_emulator
def test_health_reports_the_engine_and_its_index(engine, indexed):
    indexed(name="Health Fair")
    status, check = search_check()
    assert status == 200 and check["passed"], check
    assert "Elasticsearch-compatible server 8." in check["output"]
    assert "eventyay-events -> eventyay-events-" in check["output"] and "1 document(s)" in check["output"]


@needs_emulator
def test_health_fails_the_search_check_without_an_index(engine):
    status, check = search_check()
    assert status == 200  # searches still answer (from the database)
    assert not check["passed"] and "search_rebuild" in check["output"]


def test_engine_down_is_reported_and_searches_fall_back(dead_engine, indexed, api):
    indexed(name="Fallback Fiesta")  # the engine write fails quietly; the database index has it
    status, check = search_check()
    assert status == 200
    assert not check["passed"] and "ConnectionError" in check["output"]

    body = api.get("/v1/events?filter[search]=fiesta").json()
    assert [row["attributes"]["name"] for row in body["data"]] == ["Fallback Fiesta"]
    assert body["meta"]["search"] == {"backend": "database", "fallback": True}
    assert elastic.marked_down()  # the next searches skip the engine for SEARCH_RETRY_AFTER seconds
    assert api.get("/v1/events?filter[search]=fiest").json()["meta"]["search"]["fallback"] is True
    assert api.get("/v1/events").status_code == 200


def test_engine_down_dashboard_and_admin_still_search(dead_engine, indexed):
    owner = UserFactory(is_super_admin=True, is_admin=True)
    event = indexed(name="Fallback Fiesta", state="draft", owner=owner)
    from roles.models import Role, UsersEventsRoles

    UsersEventsRoles.objects.create(user=owner, event=event, role=Role.objects.get(name=Role.ORGANIZER))
    client = Client()
    client.force_login(owner)
    page = client.get("/dashboard?q=fiesta").content.decode()
    assert "Fallback Fiesta" in page and 'id="search-fallback"' in page
    page = client.get("/admin/events/event/?q=fiesta").content.decode()
    assert "Fallback Fiesta" in page and "search engine is not answering" in page


@needs_emulator
def test_engine_back_after_the_pause(engine, settings, indexed, api):
    indexed(name="Comeback Carnival")
    elastic.mark_down()
    assert api.get("/v1/events?filter[search]=comeback").json()["meta"]["search"]["fallback"] is True
    settings.SEARCH_RETRY_AFTER = 0
    elastic.mark_down()
    body = api.get("/v1/events?filter[search]=comeback").json()
    assert body["meta"]["search"] == {"backend": "elasticsearch", "fallback": False}
    assert [row["attributes"]["name"] for row in body["data"]] == ["Comeback Carnival"]


# --- compatibility headers: the 9.x client against an Elasticsearch 8 server ------------------------------------
class _Recorder(BaseHTTPRequestHandler):
    seen = []

    def do_GET(self):  # noqa: N802
        type(self).seen.append(dict(self.headers))
        body = json.dumps({"version": {"number": "8.15.0"}, "tagline": "You Know, for Search"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=8")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("compatible_with", ["8", "9"])
def test_client_sends_the_configured_compatibility_header(settings, compatible_with):
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.seen = []
    try:
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_port}"
        settings.ELASTICSEARCH_COMPATIBLE_WITH = compatible_with
        elastic.reset()
        assert elastic.client().info()["version"]["number"] == "8.15.0"
    finally:
        server.shutdown()
        elastic.reset()
    headers = {k.lower(): v for k, v in _Recorder.seen[-1].items()}
    assert headers["accept"] == f"application/vnd.elasticsearch+json; compatible-with={compatible_with}"
