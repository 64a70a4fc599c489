"""Anonymous reads of public resources come from the cache, and every committed write that changes what they
show is visible on the next request (eventyay.api.public_cache). Writes commit for real here
(transaction=True): invalidation happens on commit."""

import os

import pytest
from django.utils import timezone

from events.models import EventTopic
from eventyay.api import generation, public_cache
from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, SessionFactory, SpeakerFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")


@pytest.fixture
def cached(settings):
    settings.API_PUBLIC_CACHE = True
    generation.watch.close()  # each test subscribes afresh (a test may have dropped the subscription)
    generation.watch.retry_at = 0.0
    public_cache.bump_generation()
    return ApiClient()


@pytest.fixture
def event(db):
    topic = EventTopic.objects.create(name="Science", slug="science")
    return EventFactory(event_topic=topic, schedule_published_on=timezone.now())


def test_public_cache_answers_a_repeated_anonymous_read_without_queries(cached, event, django_assert_num_queries):
    first = cached.get("/v1/events")
    with django_assert_num_queries(0):
        second = cached.get("/v1/events")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]


def test_public_cache_answers_if_none_match_with_304_without_queries(cached, event, django_assert_num_queries):
    tag = cached.get("/v1/events")["ETag"]
    with django_assert_num_queries(0):
        response = cached.get("/v1/events", headers={"If-None-Match": tag})
    assert response.status_code == 304
    assert response["ETag"] == tag
    assert response.content == b""


def test_public_cache_shows_an_event_change_on_the_next_request(cached, event):
    assert cached.get("/v1/events").json()["data"][0]["attributes"]["name"] == event.name
    event.name = "Renamed"
    event.save()
    assert cached.get("/v1/events").json()["data"][0]["attributes"]["name"] == "Renamed"


def test_public_cache_shows_a_new_ticket_on_the_next_request(cached, event):
    url = f"/v1/events/{event.pk}?include=tickets"
    assert cached.get(url).json()["included"] == []
    ticket = TicketFactory(event=event, name="Early bird")
    body = cached.get(url).json()
    assert [item["attributes"]["name"] for item in body["included"]] == ["Early bird"]
    assert body["data"]["relationships"]["tickets"]["data"] == [{"type": "ticket", "id": str(ticket.pk)}]


def test_public_cache_shows_a_bulk_update_of_a_related_row_on_the_next_request(cached, event):
    url = f"/v1/events/{event.pk}?include=event-topic"
    assert cached.get(url).json()["included"][0]["attributes"]["name"] == "Science"
    EventTopic.objects.filter(pk=event.event_topic_id).update(name="Physics")  # no signals: seen on the connection
    assert cached.get(url).json()["included"][0]["attributes"]["name"] == "Physics"


def test_public_cache_shows_a_changed_speaker_of_a_session_on_the_next_request(cached, event):
    speaker = SpeakerFactory(event=event, name="Ada")
    SessionFactory(event=event).speakers.add(speaker)
    url = f"/v1/events/{event.pk}/sessions?include=speakers"
    assert cached.get(url).json()["included"][0]["attributes"]["name"] == "Ada"
    speaker.name = "Grace"
    speaker.save()
    assert cached.get(url).json()["included"][0]["attributes"]["name"] == "Grace"


def test_public_cache_shows_a_change_made_through_the_api_on_the_next_request(cached, event):
    from roles.models import Role, UsersEventsRoles

    organizer = UserFactory()
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    assert cached.get(f"/v1/events/{event.pk}").json()["data"]["attributes"]["name"] == event.name
    patch = ApiClient(organizer).patch(
        f"/v1/events/{event.pk}", resource("event", {"name": "Through the API"}, id=event.pk)
    )
    assert patch.status_code == 200, patch.content
    assert cached.get(f"/v1/events/{event.pk}").json()["data"]["attributes"]["name"] == "Through the API"


def test_public_cache_is_not_used_for_signed_in_readers(cached, event, django_assert_max_num_queries):
    cached.get("/v1/events")
    admin = ApiClient(UserFactory(is_admin=True))
    with django_assert_max_num_queries(100) as captured:
        admin.get("/v1/events")
    assert len(captured.captured_queries) > 0


def test_public_cache_is_not_used_for_drafts_a_reader_cannot_see(cached, event):
    draft = EventFactory(state="draft")
    assert cached.get(f"/v1/events/{draft.pk}").status_code == 404
    assert cached.get(f"/v1/events/{draft.pk}").status_code == 404


def test_public_cache_keeps_the_answer_when_the_cache_is_away(cached, event, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}  # fmt: skip  (nothing listens there)
    response = cached.get("/v1/events")
    assert response.status_code == 200
    assert response.json()["data"][0]["id"] == str(event.pk)


def test_validator_answers_a_signed_in_if_none_match_with_304_before_serializing(cached, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = ApiClient(UserFactory(is_admin=True))
    tag = admin.get("/v1/events")["ETag"]  # a plain GET costs no cache round trip: nothing remembered yet
    first = admin.get("/v1/events", headers={"If-None-Match": tag})  # the view's own tag says 304; remembered
    assert first.status_code == 304
    with CaptureQueriesContext(connection) as captured:
        response = admin.get("/v1/events", headers={"If-None-Match": tag})
    assert response.status_code == 304
    assert response["ETag"] == tag
    assert not any("events_event" in q["sql"] for q in captured.captured_queries)  # only the token's user is read


def test_validator_costs_a_plain_get_no_cache_round_trip(cached, event, monkeypatch):
    admin = ApiClient(UserFactory(is_admin=True))
    reads = []
    monkeypatch.setattr(public_cache, "_read_many", lambda keys: reads.append(keys) or {})
    assert admin.get("/v1/events").status_code == 200
    assert reads == []


def test_validator_sees_a_write_before_the_next_304(cached, event):
    admin = ApiClient(UserFactory(is_admin=True))
    tag = admin.get("/v1/events")["ETag"]
    TicketFactory(event=event)
    response = admin.get("/v1/events", headers={"If-None-Match": tag})
    assert response.status_code == 200
    assert response["ETag"] != tag


def test_validator_sees_a_new_notification_before_the_next_304(cached):
    from tests.factories import NotificationFactory

    reader = UserFactory()
    client = ApiClient(reader)
    tag = client.get("/v1/notifications")["ETag"]
    assert client.get("/v1/notifications", headers={"If-None-Match": tag}).status_code == 304
    NotificationFactory(user=reader, title="New")
    response = client.get("/v1/notifications", headers={"If-None-Match": tag})
    assert response.status_code == 200
    assert [n["attributes"]["title"] for n in response.json()["data"]] == ["New"]


def test_validator_is_per_viewer(cached, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, second = ApiClient(UserFactory()), ApiClient(UserFactory())
    tag = first.get("/v1/events")["ETag"]
    with CaptureQueriesContext(connection) as captured:
        second.get("/v1/events", headers={"If-None-Match": tag})  # the same body may match; it is checked, not assumed
    assert any("events_event" in q["sql"] for q in captured.captured_queries)


def test_a_hit_held_in_memory_makes_no_round_trip_with_a_subscription(cached, event, monkeypatch):
    cached.get("/v1/events")
    cached.get("/v1/events")  # the first answer may subscribe; this one reads the counter and trusts it
    reads = []
    real = public_cache._read_many
    monkeypatch.setattr(public_cache, "_read_many", lambda keys: reads.append(list(keys)) or real(keys))
    assert cached.get("/v1/events").status_code == 200
    # with Redis, the generation comes from the subscription and the body from this process's memory; without
    # it (the embedded cache), only the generation is read
    assert reads == ([] if generation.redis_client()[0] is not None else [[public_cache.GENERATION_KEY]])


def test_an_entry_held_in_memory_is_not_answered_after_a_write_in_another_process(cached, event):
    """Another process's commit moves the counter on in the shared cache; this process's copy is then stale."""
    for _ in range(2):
        assert cached.get("/v1/events").json()["data"][0]["attributes"]["name"] == event.name
    type(event).objects.filter(pk=event.pk).update(name="Renamed elsewhere")
    bump_elsewhere()  # what that process's commit does
    assert cached.get("/v1/events").json()["data"][0]["attributes"]["name"] == "Renamed elsewhere"


def bump_elsewhere():
    """Move the counter on as another process does: through a connection of its own, without telling this
    process's watch."""
    from django.core.cache import cache

    client, backend = generation.redis_client()
    if client is None:
        cache.set(public_cache.GENERATION_KEY, generation.start_value(), timeout=None)
        return
    import redis

    pool = client.connection_pool
    other = redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class,
                                                             **pool.connection_kwargs))  # fmt: skip
    key = backend.make_and_validate_key(public_cache.GENERATION_KEY)
    other.eval(generation._BUMP, 1, key, generation.start_value(), generation.channel_for(client, backend))
    other.close()


@needs_redis
def test_every_write_elsewhere_is_seen_by_the_very_next_read(cached, event):
    """The subscription delivers another process's bump before its writer could have answered: no read after
    it is stale, however soon it comes."""
    for i in range(30):
        type(event).objects.filter(pk=event.pk).update(name=f"Elsewhere {i}")
        bump_elsewhere()
        assert cached.get("/v1/events").json()["data"][0]["attributes"]["name"] == f"Elsewhere {i}"
        assert cached.get("/v1/events").json()["data"][0]["attributes"]["name"] == f"Elsewhere {i}"


@needs_redis
def test_a_lost_subscription_is_never_trusted_again(cached, event):
    """Messages sent while the subscription is away are lost: it is dropped, and answers ask Redis meanwhile."""
    for _ in range(2):
        cached.get("/v1/events")
    assert generation.watch.known() is not None
    client, _ = generation.redis_client()
    host, port = generation.watch.connection._sock.getsockname()[:2]
    client.execute_command("CLIENT", "KILL", "ADDR", f"{host}:{port}")  # Redis drops this process's subscription
    type(event).objects.filter(pk=event.pk).update(name="Renamed while away")
    bump_elsewhere()
    assert cached.get("/v1/events").json()["data"][0]["attributes"]["name"] == "Renamed while away"
    assert generation.watch.connection is None


@needs_redis
def test_a_counter_that_went_back_is_not_trusted(cached, event):
    """Redis emptied and started its counter again (lower): what this process saw before is no longer trusted."""
    from django.core.cache import cache

    for _ in range(2):
        cached.get("/v1/events")
    seen = generation.watch.known()
    cache.set(public_cache.GENERATION_KEY, seen - 1000, timeout=None)
    generation.watch.verified(seen - 1000)
    assert generation.watch.known() is None


def test_entries_held_in_memory_stay_within_their_budget_and_expire(settings, monkeypatch):
    settings.API_PUBLIC_CACHE_LOCAL_BYTES = 1000
    settings.API_PUBLIC_CACHE_SECONDS = 60
    held = public_cache._LocalEntries()
    for i in range(10):
        held.put(f"k{i}", ("g", 200, [], b"x" * 200))
    assert held.size <= 1000 and held.get("k0") is None and held.get("k9") is not None
    held.put("big", ("g", 200, [], b"x" * 600))  # over a quarter of the budget: not kept in memory
    assert held.get("big") is None
    now = public_cache.time.monotonic()
    monkeypatch.setattr(public_cache.time, "monotonic", lambda: now + 61)
    assert held.get("k9") is None and held.size == 4 * 200  # k5..k8 left, each dropped when next read


def test_a_conditional_miss_fills_the_cache_and_answers_304(cached, event, settings, django_assert_num_queries):
    """A client that only ever asks with If-None-Match: its first (missed) request renders the whole answer into
    the cache and answers 304 from it; the next costs no query."""
    settings.API_PUBLIC_CACHE = False
    tag = ApiClient().get("/v1/events")["ETag"]  # known from earlier; nothing cached
    settings.API_PUBLIC_CACHE = True
    first = cached.get("/v1/events", headers={"If-None-Match": tag})
    assert first.status_code == 304 and first["ETag"] == tag
    with django_assert_num_queries(0):
        again = cached.get("/v1/events", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again["ETag"] == tag
    changed = cached.get("/v1/events", headers={"If-None-Match": '"another"'})
    assert changed.status_code == 200 and changed["ETag"] == tag


@pytest.mark.parametrize("accept", ["gzip, deflate, br", "br;q=1.0, gzip;q=0.8"])
def test_a_client_that_accepts_gzip_gets_the_same_document_compressed_once(cached, event, settings, accept):
    import gzip

    settings.API_PUBLIC_CACHE = False
    rendered = ApiClient().get("/v1/events")
    settings.API_PUBLIC_CACHE = True
    for _ in range(2):  # the miss (stored, then answered as a hit is) and the hit
        response = cached.get("/v1/events", headers={"Accept-Encoding": accept})
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == rendered.content  # byte for byte
        assert response["ETag"] == f"W/{rendered['ETag']}"  # another encoding of the same document
        assert "Accept-Encoding" in response["Vary"]
    plain = cached.get("/v1/events", headers={"Accept-Encoding": "identity"})
    assert plain.content == rendered.content and not plain.has_header("Content-Encoding")
    assert plain["ETag"] == rendered["ETag"] and "Accept-Encoding" in plain["Vary"]
    not_modified = cached.get("/v1/events", headers={"Accept-Encoding": accept, "If-None-Match": response["ETag"]})
    assert not_modified.status_code == 304 and not_modified["ETag"] == response["ETag"]


def test_gzip_refused_with_q_zero_is_not_sent(cached, event):
    cached.get("/v1/events")
    response = cached.get("/v1/events", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert not response.has_header("Content-Encoding")
    response.json()


@needs_redis
def test_a_lower_value_published_means_the_counter_started_again(cached, event):
    """Another process bumped a counter that had been emptied (FLUSHDB) and started lower: this process must not
    keep its higher value and answer from memory under it."""
    for _ in range(2):
        cached.get("/v1/events")
    seen = generation.watch.known()
    generation.watch.saw(seen - 1000)
    assert generation.watch.known() is None
    type(event).objects.filter(pk=event.pk).update(name="After the restart")
    assert cached.get("/v1/events").json()["data"][0]["attributes"]["name"] == "After the restart"
