"""The fast renderer (eventyay.api.fast_render) answers the same bytes as djangorestframework-jsonapi's.

Every GET route of the API that the URLconf names (lists, nested lists, details) is requested by three
actors with and without `include=` and sparse fieldsets, once through each path, and the bodies compared
byte for byte. New routes are picked up by themselves."""

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import (
    AccessCodeFactory,
    CustomFormFactory,
    DiscountCodeFactory,
    EventFactory,
    FaqFactory,
    FaqTypeFactory,
    MicrolocationFactory,
    NotificationFactory,
    PageFactory,
    SessionFactory,
    SessionTypeFactory,
    SocialLinkFactory,
    SpeakerFactory,
    SponsorFactory,
    TicketFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    from events.models import EventSubTopic, EventTopic, EventType

    owner = UserFactory(first_name="Zoë", last_name="Ünïcode \u2028")
    topic = EventTopic.objects.create(name="Science", slug="science")
    sub_topic = EventSubTopic.objects.create(name="Physics", slug="physics", event_topic=topic)
    kind = EventType.objects.create(name="Conference", slug="conference")
    event = EventFactory(
        owner=owner,
        event_topic=topic,
        event_sub_topic=sub_topic,
        event_type=kind,
        latitude=12.5,
        longitude=-0.1,
        description='<p>"quoted" \\ and \u00e9 \U0001f600</p>',
        schedule_published_on=timezone.now(),
    )
    other = EventFactory(owner=owner, latitude=1.25e-06)  # Python and orjson spell this float differently
    organizer = UserFactory()
    for role in ("organizer", "coorganizer"):
        UsersEventsRoles.objects.create(user=organizer if role == "organizer" else owner, event=event,
                                        role=Role.objects.get(name=role))  # fmt: skip
    tickets = [TicketFactory(event=event), TicketFactory(event=event, price=10), TicketFactory(event=other)]
    code = DiscountCodeFactory(event=event)
    code.tickets.add(tickets[1]) if hasattr(code, "tickets") else None
    AccessCodeFactory(event=event)
    tracks = [TrackFactory(event=event), TrackFactory(event=event)]
    session_type = SessionTypeFactory(event=event)
    room = MicrolocationFactory(event=event)
    speakers = [SpeakerFactory(event=event, user=organizer), SpeakerFactory(event=event)]
    for index in range(5):
        session = SessionFactory(event=event, track=tracks[index % 2] if index < 4 else None,
                                 session_type=session_type, microlocation=room)  # fmt: skip
        session.speakers.set(speakers[: index % 3])
    SponsorFactory(event=event)
    SocialLinkFactory(event=event)
    CustomFormFactory(event=event)
    faq_type = FaqTypeFactory(event=event)
    FaqFactory(event=event, faq_type=faq_type)
    FaqFactory(event=event)
    PageFactory.create_batch(3)
    NotificationFactory(user=organizer)
    admin = UserFactory(is_admin=True)
    return {"event": event, "organizer": organizer, "admin": admin, "owner": owner}


def _get_routes():
    """(name, kwarg names) of every named /v1/ route."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                full = prefix + str(pattern.pattern)
                if full.startswith("v1/") or full.startswith("^v1/"):
                    regex = pattern.pattern.regex
                    found.append((pattern.name, tuple(regex.groupindex)))

    walk(get_resolver().url_patterns, "")
    return found


def _urls(world):
    values = {"event_id": world["event"].pk, "user_id": world["organizer"].pk, "pk": None}
    urls = []
    for name, kwargs in _get_routes():
        if name.startswith("export-"):  # a GET that starts an export task (as in OES), not a read
            continue
        if any(k not in values or values[k] is None for k in kwargs):
            continue
        try:
            urls.append(reverse(name, kwargs={k: values[k] for k in kwargs}))
        except Exception:  # noqa: BLE001 - a route that needs other kwargs is out of this sweep
            continue
    return sorted(set(urls))


def _get(client, url, fast, settings):
    # a context, not `settings.X = …`: each assignment to the fixture nests one more settings layer, and with
    # hundreds of requests the nesting overflows the recursion limit
    with override_settings(API_FAST_RENDER=fast):
        return client.get(url)


def _compare(client, url, settings):
    library = _get(client, url, False, settings)
    fast = _get(client, url, True, settings)
    assert fast.status_code == library.status_code, url
    assert fast.content == library.content, url
    return library


def test_fast_render_matches_the_library_on_every_list_route(world, settings):
    clients = [ApiClient(), ApiClient(world["organizer"]), ApiClient(world["admin"])]
    rendered = 0
    for url in _urls(world):
        for client in clients:
            response = _compare(client, url, settings)
            if response.status_code == 200 and response.content.startswith(b'{"'):
                rendered += 1
                body = response.json()
                if isinstance(body.get("data"), list) and body["data"]:
                    # the first item's detail route and a page of one, too
                    _compare(client, f"{url}?page[size]=1", settings)
    assert rendered > 40


@pytest.mark.parametrize(
    "path",
    [
        "/v1/events?include=tickets,event-topic,event-sub-topic,event-type,owner",
        "/v1/events?include=tickets&fields[ticket]=name,price&fields[event]=name,tickets",
        "/v1/events?fields[event]=name,starts-at",
        "/v1/events?page[size]=0&sort=-name",
        "/v1/events/{event}?include=tickets",
        "/v1/events/{event}?include=owner,event-topic",
        "/v1/events/{event}",
        "/v1/events/{event}/sessions?include=speakers,track",
        "/v1/events/{event}/sessions?include=speakers.sessions,track.sessions,microlocation,session-type,event",
        "/v1/events/{event}/sessions?include=speakers&fields[speaker]=name,sessions&fields[session]=title",
        "/v1/events/{event}/speakers?include=sessions.track",
        "/v1/events/{event}/tracks?include=sessions",
        "/v1/events/{event}/faqs?include=faq-type",
        "/v1/event-sub-topics?include=event-topic",
        "/v1/pages?page[size]=2&page[number]=2",
        "/v1/events?include=nowhere",
        "/v1/events?fields[event]=name&filter[name]=nope",
        "/v1/events/does-not-exist",
        "/v1/events?page[number]=99",
    ],
)
@pytest.mark.parametrize("actor", ["anonymous", "organizer", "admin"])
def test_fast_render_matches_the_library_for_includes_sparse_fields_and_errors(world, settings, path, actor):
    client = ApiClient(world[actor]) if actor != "anonymous" else ApiClient()
    _compare(client, path.format(event=world["event"].pk), settings)


def test_fast_render_keeps_included_documents_complete(world, settings):
    settings.API_FAST_RENDER = True
    body = ApiClient().get(f"/v1/events/{world['event'].pk}/sessions?include=speakers,track").json()
    assert {item["type"] for item in body["included"]} == {"speaker", "track"}
    assert len(body["data"]) == 5


def test_fast_render_takes_the_fast_path_for_every_list_route(world, settings, caplog):
    """No route falls back to the library (a fallback is correct but slow: teach fast_render the field)."""
    import logging

    settings.API_FAST_RENDER = True
    client = ApiClient(world["admin"])
    with caplog.at_level(logging.DEBUG, logger="eventyay.api.fast_render"):
        for url in _urls(world):
            client.get(url)
        client.get(f"/v1/events/{world['event'].pk}/sessions?include=speakers.sessions,track,event")
    assert [r.getMessage() for r in caplog.records] == []


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/St_Johns"])
def test_fast_render_writes_datetimes_as_drf_does_in_the_current_time_zone(world, settings, zone):
    """Datetimes take a fast path (`fast_accessors._datetime_accessor`): the same text as DRF's DateTimeField in
    whatever zone is active, `Z` for UTC."""
    from django.utils import timezone

    with timezone.override(zone):
        library = _compare(ApiClient(world["admin"]), "/v1/events?page[size]=3", settings)
    starts = library.json()["data"][0]["attributes"]["starts-at"]
    assert starts.endswith("Z") if zone == "UTC" else starts.endswith(("+05:30", "-03:30", "-02:30"))
