"""Filters on every attribute and relationship, `has`/`any`, null comparisons, empty `and`/`or`; `include` on
every relationship, nested paths included, with query counts that do not grow with the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, EventSubTopic, EventTopic, EventType
from tests.conftest import ApiClient
from tests.dialect.conftest import give_role, ids, oef
from tests.factories import EventFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_ne_null_on_a_text_column_means_set():
    with_logo = EventFactory(logo_url="https://img.example/logo.png")
    EventFactory(logo_url="")
    assert ids(ApiClient().get("/v1/events?" + oef([{"name": "logo-url", "op": "ne", "val": None}]))) == [
        str(with_logo.pk)
    ]


def test_the_landing_pages_featured_filter_works():
    topic = EventTopic.objects.create(name="Science")
    sub = EventSubTopic.objects.create(name="Physics", event_topic=topic)
    kind = EventType.objects.create(name="Conference")
    complete = EventFactory(
        logo_url="https://x.example/l.png",
        original_image_url="https://x.example/o.png",
        event_topic=topic,
        event_sub_topic=sub,
        event_type=kind,
    )
    featured = EventFactory(is_featured=True)
    EventFactory()
    filters = [
        {
            "or": [
                {"name": "is-featured", "op": "eq", "val": True},
                {"name": "is-promoted", "op": "eq", "val": True},
                {
                    "and": [
                        {"name": "logo-url", "op": "ne", "val": None},
                        {"name": "original-image-url", "op": "ne", "val": None},
                        {"name": "event-topic", "op": "ne", "val": None},
                        {"name": "event-sub-topic", "op": "ne", "val": None},
                        {"name": "event-type", "op": "ne", "val": None},
                    ]
                },
            ]
        },
        {"and": []},
        {"name": "state", "op": "eq", "val": "published"},
    ]
    found = ids(ApiClient().get(f"/v1/events?{oef(filters)}&cache=true&public=true&page[size]=6&sort=starts-at"))
    assert sorted(found) == sorted([str(complete.pk), str(featured.pk)])


def test_call_for_speakers_filter_through_a_type_not_served_yet_matches_nothing():
    EventFactory(is_sessions_speakers_enabled=True)
    filters = [
        {"name": "is-sessions-speakers-enabled", "op": "eq", "val": True},
        {"name": "speakers-call", "op": "has", "val": {"name": "privacy", "op": "eq", "val": "public"}},
        {"name": "speakers-call", "op": "has", "val": {"name": "announcement", "op": "ne", "val": None}},
    ]
    assert ids(ApiClient().get("/v1/events?" + oef(filters))) == []
    assert len(ids(ApiClient().get("/v1/events?" + oef([{"name": "speakers-call", "op": "eq", "val": None}])))) == 1


@pytest.mark.parametrize("combinator", ["and", "or"])
def test_empty_and_or_is_no_condition(combinator):
    EventFactory.create_batch(2)
    assert len(ids(ApiClient().get("/v1/events?" + oef([{combinator: []}])))) == 2


def test_has_and_any_across_relationships():
    topic = EventTopic.objects.create(name="Science", slug="science")
    science = EventFactory(event_topic=topic)
    paid = EventFactory()
    TicketFactory(event=paid, type="paid", price="10.00")
    TicketFactory(event=science)
    has = [{"name": "event-topic", "op": "has", "val": {"name": "slug", "op": "eq", "val": "science"}}]
    anything = [{"name": "tickets", "op": "any", "val": {"name": "type", "op": "eq", "val": "paid"}}]
    assert ids(ApiClient().get("/v1/events?" + oef(has))) == [str(science.pk)]
    assert ids(ApiClient().get("/v1/events?" + oef(anything))) == [str(paid.pk)]


def test_any_sees_only_rows_the_actor_may_read():
    event = EventFactory()
    TicketFactory(event=event, name="Secret", is_hidden=True)
    organizer = give_role(UserFactory(), event, "organizer")
    filters = [{"name": "tickets", "op": "any", "val": {"name": "name", "op": "eq", "val": "Secret"}}]
    assert ids(ApiClient().get("/v1/events?" + oef(filters))) == []
    assert ids(ApiClient(organizer).get("/v1/events?" + oef(filters))) == [str(event.pk)]


def test_filters_on_relationship_ids_both_syntaxes():
    topic = EventTopic.objects.create(name="Science")
    science = EventFactory(event_topic=topic)
    EventFactory()
    assert ids(ApiClient().get(f"/v1/events?filter[event-topic]={topic.pk}")) == [str(science.pk)]
    assert ids(ApiClient().get("/v1/events?" + oef([{"name": "event-topic", "op": "eq", "val": topic.pk}]))) == [
        str(science.pk)
    ]


@pytest.mark.parametrize(
    "filters",
    [
        [{"name": "name", "op": "has", "val": {"name": "x", "op": "eq", "val": 1}}],
        [{"name": "event-topic", "op": "has", "val": {"name": "secret", "op": "eq", "val": 1}}],
        [{"name": "event-topic", "op": "has", "val": "science"}],
        [{"name": "speakers-call", "op": "has", "val": {"op": "eq"}}],
        [{"name": "organizers", "op": "any", "val": {"name": "first-name", "op": "eq", "val": "x"}}],
        [{"name": "starts-at", "op": "ge", "val": "not a date"}],
    ],
)
def test_bad_filters_stay_400(filters):
    EventFactory()
    response = ApiClient().get("/v1/events?" + oef(filters))
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["source"] == {"parameter": "filter"}


# --- include ------------------------------------------------------------------------------------------------------
CLIENT_EDIT_INCLUDES = (
    "social-links,event-copyright,speakers-call,tax,owner,organizers,video-stream,custom-forms,group,"
    "group.followers,group.followers.user"
)


def test_include_paths_the_client_asks_for_are_accepted(event, organizer):
    api = ApiClient(organizer)
    for include in (
        "event-topic,event-sub-topic,event-type,speakers-call",
        CLIENT_EDIT_INCLUDES,
        "roles.role,roles.user,general-statistics",
        "event-topic,event-sub-topic,event-type,event-copyright,tax,owner,organizers,coorganizers,"
        "track-organizers,registrars,moderators,stripe-authorization",
    ):
        response = api.get(f"/v1/events/{event.identifier}?include={include}")
        assert response.status_code == 200, (include, response.content[:300])


def test_nested_include_of_the_team(event, organizer):
    coorganizer = give_role(UserFactory(), event, "coorganizer")
    body = ApiClient(organizer).get(f"/v1/events/{event.pk}?include=roles.role,roles.user").json()
    roles = body["data"]["relationships"]["roles"]["data"]
    assert len(roles) == 2
    included = {(item["type"], item["id"]) for item in body["included"]}
    assert {("user", str(organizer.pk)), ("user", str(coorganizer.pk))} <= included
    assert {item["type"] for item in body["included"]} == {"users-events-roles", "role", "user"}


def test_include_never_shows_rows_the_actor_may_not_read(event):
    give_role(UserFactory(), event, "coorganizer")
    body = ApiClient().get(f"/v1/events/{event.pk}?include=roles.role,orders,attendees").json()
    assert body["data"]["relationships"]["roles"]["data"] == []
    assert body["data"]["relationships"]["orders"]["data"] == []
    assert body["included"] == []


def test_included_event_carries_its_tickets(event):
    first = TicketFactory(event=event)
    second = TicketFactory(event=event)
    body = ApiClient().get(f"/v1/events/{event.pk}/tickets?include=event.tickets").json()
    included = [item for item in body["included"] if item["type"] == "event"]
    assert [t["id"] for t in included[0]["relationships"]["tickets"]["data"]] == [str(first.pk), str(second.pk)]


def _queries(api, url):
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "include",
    [
        "event-topic,event-sub-topic,event-type,speakers-call",
        "roles.role,roles.user,tickets,owner,organizers",
        "tickets.event,tickets.attendees,sessions.speakers,group.user",
    ],
)
def test_event_list_query_count_does_not_grow_with_includes(organizer, include):
    topic = EventTopic.objects.create(name="Science")
    sub = EventSubTopic.objects.create(name="Physics", event_topic=topic)

    def make():
        event = EventFactory(event_topic=topic, event_sub_topic=sub, owner=organizer)
        give_role(organizer, event, "organizer")
        TicketFactory(event=event)

    make()
    api = ApiClient(organizer)
    url = f"/v1/events?include={include}"
    one = _queries(api, url)
    for _ in range(4):
        make()
    assert _queries(api, url) == one


def test_ticket_list_query_count_does_not_grow_with_nested_includes(event):
    TicketFactory(event=event)
    url = f"/v1/events/{event.pk}/tickets?include=event.tickets,event.event-topic,attendees"
    one = _queries(ApiClient(), url)
    TicketFactory.create_batch(4, event=event)
    assert _queries(ApiClient(), url) == one


def test_related_list_query_count_does_not_grow():
    topic = EventTopic.objects.create(name="Science")
    EventFactory(event_topic=topic)
    url = f"/v1/event-topics/{topic.pk}/events?include=event-topic,tickets"
    one = _queries(ApiClient(), url)
    for _ in range(4):
        TicketFactory(event=EventFactory(event_topic=topic))
    assert _queries(ApiClient(), url) == one


def test_draft_events_stay_out_of_includes(organizer):
    topic = EventTopic.objects.create(name="Science")
    draft = EventFactory(event_topic=topic, state=Event.State.DRAFT)
    give_role(organizer, draft, "organizer")
    assert ApiClient().get(f"/v1/event-topics/{topic.pk}?include=events").json()["included"] == []
    included = ApiClient(organizer).get(f"/v1/event-topics/{topic.pk}?include=events").json()["included"]
    assert [item["id"] for item in included] == [str(draft.pk)]
