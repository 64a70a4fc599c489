"""Admin statistics (`/v1/admin/statistics/*`) and sales reports (`/v1/admin/sales/*`): platform-wide figures,
computed in the database, for admins and super admins only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventTopic, EventType
from roles.models import User
from tests.conftest import ApiClient
from tests.factories import DiscountCodeFactory, EventFactory, SessionFactory, TicketFactory, UserFactory
from tests.orders_and_sales.conftest import give_role
from tests.orders_and_sales.helpers import place

pytestmark = pytest.mark.django_db

ADMIN_ROUTES = [
    *(f"/v1/admin/statistics/{kind}" for kind in ("events", "event-types", "event-topics", "users", "sessions")),
    *(f"/v1/admin/sales/{kind}" for kind in ("by-events", "by-organizers", "by-location", "by-marketer")),
    *(f"/v1/admin/sales/{kind}" for kind in ("discounted", "fees")),
]


@pytest.mark.parametrize("url", ADMIN_ROUTES)
def test_admin_reports_are_for_admins_only(url, organizer_api, event):
    assert ApiClient().get(url).status_code == 401
    assert organizer_api.get(url).status_code == 403
    assert ApiClient(UserFactory(is_admin=True)).get(url).status_code == 200
    assert ApiClient(UserFactory(is_super_admin=True)).get(url).status_code == 200


def test_admin_event_statistics(admin_api):
    now = timezone.now()
    EventFactory(state="draft")
    EventFactory(state="published")
    EventFactory(state="published")
    EventFactory(state="published", starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2))
    EventFactory(state="published", deleted_at=now)
    data = admin_api.get("/v1/admin/statistics/events").json()["data"]
    assert data["type"] == "admin-statistics-event"
    assert data["id"] == "1"
    assert data["attributes"] == {"draft": 1, "published": 2, "past": 1}


def test_admin_session_statistics(admin_api):
    for state in ("draft", "pending", "accepted", "accepted", "confirmed", "rejected"):
        SessionFactory(state=state)
    data = admin_api.get("/v1/admin/statistics/sessions").json()["data"]
    assert data["type"] == "admin-statistics-session"
    assert data["attributes"] == {
        "draft": 1, "submitted": 5, "pending": 1, "accepted": 2, "confirmed": 1, "rejected": 1
    }  # fmt: skip


def test_admin_user_statistics(admin_api, event):
    # admin_api's user: admin, unverified; the organizer fixture: organizer, unverified
    UserFactory(is_super_admin=True, is_verified=True)
    member = UserFactory(is_verified=True)
    give_role(member, event, "coorganizer")
    give_role(member, EventFactory(), "attendee")
    give_role(UserFactory(), event, "track_organizer")
    EventFactory(owner=member, deleted_at=timezone.now())  # a deleted event makes no owner
    data = admin_api.get("/v1/admin/statistics/users").json()["data"]
    assert data["type"] == "admin-statistics-user"
    total = User.objects.count()
    verified = User.objects.filter(is_verified=True).count()
    assert data["attributes"] == {
        "super-admin": 1,
        "admin": 1,
        "verified": verified,
        "unverified": total - verified,
        "owner": 1,  # the organizer fixture owns the event; the client's overview reads `owner`
        "organizer": 1,
        "coorganizer": 1,
        "track-organizer": 1,
        "attendee": 1,
    }


def test_admin_event_type_and_topic_statistics(admin_api):
    talks = EventType.objects.create(name="Talks", slug="talks")
    EventType.objects.create(name="Workshops", slug="workshops")
    science = EventTopic.objects.create(name="Science", slug="science")
    EventFactory(event_type=talks, event_topic=science)
    EventFactory(event_type=talks)
    types = admin_api.get("/v1/admin/statistics/event-types").json()
    assert [(i["type"], i["attributes"]) for i in types["data"]] == [
        ("admin-statistics-event-type", {"name": "Talks", "count": 2}),
        ("admin-statistics-event-type", {"name": "Workshops", "count": 0}),
    ]
    topics = admin_api.get("/v1/admin/statistics/event-topics").json()
    assert [(i["id"], i["attributes"]) for i in topics["data"]] == [(str(science.pk), {"name": "Science", "count": 1})]


@pytest.fixture
def sales(event, free_ticket, paid_ticket, buyer):
    marketer = UserFactory(first_name="Mia", last_name="Marketer", is_marketer=True)
    code = DiscountCodeFactory(event=event, code="HALF", type="percent", value=50, marketer=marketer)
    code.tickets.add(paid_ticket)
    return {
        "marketer": marketer,
        "code": code,
        "completed": place(buyer, event, (paid_ticket, 2), status="completed"),  # 40
        "placed": place(buyer, event, (paid_ticket, 1), status="placed"),  # 20
        "pending": place(buyer, event, (paid_ticket, 1), discount_code="HALF"),  # 10
        "expired": place(buyer, event, (paid_ticket, 3), status="expired"),  # not reported
        "free": place(buyer, event, (free_ticket, 4)),  # completed, 0
    }


def block(total, count):
    return {"sales_total": total, "ticket_count": count}


def test_sales_by_events(admin_api, event, sales):
    quiet = EventFactory(name="Quiet")
    document = admin_api.get("/v1/admin/sales/by-events?sort=name").json()
    assert document["meta"]["count"] == 2
    by_id = {item["id"]: item for item in document["data"]}
    ours = by_id[str(event.pk)]
    assert ours["type"] == "admin-sales-by-events"
    assert ours["attributes"]["name"] == event.name
    assert ours["attributes"]["starts_at"] == event.starts_at.isoformat()
    assert ours["attributes"]["sales"] == {
        "completed": block(40, 6),
        "placed": block(20, 1),
        "pending": block(10, 1),
    }
    zero = block(0, 0)
    assert by_id[str(quiet.pk)]["attributes"]["sales"] == {"completed": zero, "placed": zero, "pending": zero}


def test_sales_by_organizers_location_and_marketer(admin_api, event, organizer, sales):
    organizers = admin_api.get("/v1/admin/sales/by-organizers").json()["data"]
    assert [(i["type"], i["id"]) for i in organizers] == [("admin-sales-by-organizers", str(organizer.pk))]
    assert organizers[0]["attributes"]["first_name"] == "Olga"
    assert organizers[0]["attributes"]["sales"]["completed"] == block(40, 6)
    locations = admin_api.get("/v1/admin/sales/by-location").json()["data"]
    assert [(i["type"], i["attributes"]["location_name"]) for i in locations] == [
        ("admin-sales-by-location", "Berlin, Germany")
    ]
    assert locations[0]["attributes"]["sales"]["placed"] == block(20, 1)
    marketers = admin_api.get("/v1/admin/sales/by-marketer").json()["data"]
    assert [(i["type"], i["id"]) for i in marketers] == [("admin-sales-by-marketer", str(sales["marketer"].pk))]
    assert marketers[0]["attributes"]["fullname"] == "Mia Marketer"
    assert marketers[0]["attributes"]["email"] == sales["marketer"].email
    assert marketers[0]["attributes"]["sales"]["pending"] == block(10, 1)
    assert marketers[0]["attributes"]["sales"]["completed"] == block(0, 0)


def test_sales_discounted_per_code(admin_api, event, sales):
    data = admin_api.get("/v1/admin/sales/discounted").json()["data"]
    assert [(i["type"], i["id"]) for i in data] == [("admin-sales-discounted", str(sales["code"].pk))]
    assert data[0]["attributes"]["code"] == "HALF"
    assert data[0]["attributes"]["event_name"] == event.name
    assert data[0]["attributes"]["sales"]["pending"] == block(10, 1)


def test_sales_reports_page_and_sort(admin_api):
    for name in ("Beta", "Alpha", "Gamma"):
        EventFactory(name=name)
    document = admin_api.get("/v1/admin/sales/by-events?sort=-name&page[size]=2&page[number]=1").json()
    assert document["meta"]["count"] == 3
    assert [i["attributes"]["name"] for i in document["data"]] == ["Gamma", "Beta"]
    second = admin_api.get("/v1/admin/sales/by-events?sort=-name&page[size]=2&page[number]=2").json()
    assert [i["attributes"]["name"] for i in second["data"]] == ["Alpha"]


@pytest.mark.parametrize("query", ["sort=revenue", "filter[name]=x", "page[size]=x"])
def test_sales_reports_refuse_what_they_cannot_do(admin_api, query):
    response = admin_api.get(f"/v1/admin/sales/by-events?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"]["parameter"]


def test_sales_report_queries_do_not_grow_with_events_or_orders(admin_api, buyer):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert admin_api.get(url).status_code == 200
        return len(ctx.captured_queries)

    def grow(n):
        for _ in range(n):
            ticket = TicketFactory(event=EventFactory(owner=UserFactory(), location_name=f"City {_}"))
            place(buyer, ticket.event, (ticket, 2))

    urls = [f"/v1/admin/sales/{kind}" for kind in ("by-events", "by-organizers", "by-location", "fees")]
    urls += ["/v1/admin/statistics/users", "/v1/admin/statistics/event-types", "/v1/admin/statistics/groups"]
    grow(1)
    few = [count(url) for url in urls]
    grow(5)
    assert [count(url) for url in urls] == few


def test_admin_group_statistics_count_live_groups_and_their_live_events(admin_api):
    from events.models import Group

    before = Group.objects.filter(deleted_at__isnull=True).count()
    owner = UserFactory()
    busy, _quiet, gone = (Group.objects.create(name=name, user=owner) for name in ("Busy", "Quiet", "Gone"))
    EventFactory(group=busy)
    EventFactory(group=busy)
    EventFactory(group=busy, deleted_at=timezone.now())
    EventFactory(group=gone)
    gone.deleted_at = timezone.now()
    gone.save()
    data = admin_api.get("/v1/admin/statistics/groups").json()["data"]
    assert (data["type"], data["attributes"]) == (
        "admin-statistics-group",
        {"groups": before + 2, "group-events": 2, "followers": 0},
    )
