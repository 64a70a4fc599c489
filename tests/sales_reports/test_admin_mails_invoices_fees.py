"""Admin reports joined to the types served since: mail statistics from the sent-mail log, the invoices sales
report from event invoices, and the fee report from the platform's ticket fees (per currency and country)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.models import Mail
from tests.conftest import ApiClient
from tests.factories import EventFactory, TicketFactory, UserFactory
from tests.orders_and_sales.helpers import place
from tests.ticket_types.factories import EventInvoiceFactory, TicketFeeFactory

pytestmark = pytest.mark.django_db

ROUTES = ["/v1/admin/statistics/mails", "/v1/admin/sales/invoices"]


@pytest.fixture
def admin_api(db):
    return ApiClient(UserFactory(is_admin=True))


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ROUTES)
def test_the_reports_are_for_admins_only(url):
    organizer = UserFactory()
    EventFactory(owner=organizer)
    assert ApiClient().get(url).status_code == 401
    assert ApiClient(organizer).get(url).status_code == 403
    assert ApiClient(UserFactory(is_admin=True)).get(url).status_code == 200
    assert ApiClient(UserFactory(is_super_admin=True)).get(url).status_code == 200


def test_mail_statistics_count_the_mails_sent_in_each_window(admin_api):
    now = timezone.now()
    for hours in (1, 2, 30, 100, 24 * 20, 24 * 40):
        Mail.objects.create(recipient="someone@example.com", subject="Hi", time=now - timedelta(hours=hours))
    document = admin_api.get("/v1/admin/statistics/mails").json()
    assert document["data"] == {
        "type": "admin-statistics-mail",
        "id": "1",
        "attributes": {"one-day": 2, "three-days": 3, "seven-days": 4, "thirty-days": 5},
        "links": {"self": "/v1/admin/statistics/mails"},
    }
    assert document["links"] == {"self": "/v1/admin/statistics/mails"}


def test_mail_statistics_take_one_query_whatever_the_log_holds(admin_api):
    empty = queries(admin_api, "/v1/admin/statistics/mails")
    Mail.objects.bulk_create(Mail(recipient=f"u{i}@example.com") for i in range(20))
    assert queries(admin_api, "/v1/admin/statistics/mails") == empty


def test_sales_invoices_list_every_event_invoice(admin_api):
    owner = UserFactory(first_name="Ada", last_name="Lovelace", email="ada@example.com")
    event = EventFactory(owner=owner, name="Congress")
    completed_at = timezone.now()
    paid = EventInvoiceFactory(event=event, amount="12.50", status="paid", completed_at=completed_at)
    due = EventInvoiceFactory(event=EventFactory(name="Meetup"), user=None, status="due")
    document = admin_api.get("/v1/admin/sales/invoices").json()
    assert document["meta"] == {"count": 2}
    assert document["links"] == {"self": "/v1/admin/sales/invoices"}
    by_id = {item["id"]: item for item in document["data"]}
    assert by_id[str(paid.pk)]["type"] == "admin-sales-invoices"
    assert by_id[str(paid.pk)]["attributes"] == {
        "identifier": paid.identifier,
        "status": "paid",
        "amount": 12.5,
        "created-at": paid.created_at.isoformat(),
        "completed-at": completed_at.isoformat(),
        "event-name": "Congress",
        "sent-to": "Ada Lovelace <ada@example.com>",
    }
    assert by_id[str(due.pk)]["attributes"]["sent-to"] is None
    assert by_id[str(due.pk)]["attributes"]["completed-at"] is None


def test_sales_invoices_page_and_sort(admin_api):
    for amount in ("30.00", "10.00", "20.00"):
        EventInvoiceFactory(amount=amount)
    first = admin_api.get("/v1/admin/sales/invoices?sort=-amount&page[size]=2").json()
    assert first["meta"]["count"] == 3
    assert [i["attributes"]["amount"] for i in first["data"]] == [30.0, 20.0]
    second = admin_api.get("/v1/admin/sales/invoices?sort=-amount&page[size]=2&page[number]=2").json()
    assert [i["attributes"]["amount"] for i in second["data"]] == [10.0]


@pytest.mark.parametrize("query", ["sort=sent-to", "filter[status]=paid", "page[size]=x"])
def test_sales_invoices_refuse_what_they_cannot_do(admin_api, query):
    response = admin_api.get(f"/v1/admin/sales/invoices?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"]["parameter"]


def test_sales_invoices_query_count_does_not_grow(admin_api):
    EventInvoiceFactory()
    one = queries(admin_api, "/v1/admin/sales/invoices")
    for _ in range(4):
        EventInvoiceFactory()
    assert queries(admin_api, "/v1/admin/sales/invoices") == one


def sell(event, price, quantity):
    ticket = TicketFactory(event=event, type="paid", price=price, quantity=50, max_order=10)
    place(UserFactory(), event, (ticket, quantity), status="completed")


def test_sales_fees_use_the_ticket_fee_of_the_events_currency_and_country(admin_api):
    TicketFeeFactory(currency="EUR", country="", service_fee="5.00")
    TicketFeeFactory(currency="EUR", country="Germany", service_fee="10.00")
    german = EventFactory(name="A German", payment_currency="EUR", payment_country="Germany")
    french = EventFactory(name="B French", payment_currency="EUR", payment_country="France")
    dollars = EventFactory(name="C Dollars", payment_currency="USD", payment_country="United States")
    for event in (german, french, dollars):
        sell(event, "20.00", 2)
    data = admin_api.get("/v1/admin/sales/fees?sort=name").json()["data"]
    assert [item["type"] for item in data] == ["admin-sales-fees"] * 3
    assert [item["attributes"] for item in data] == [
        {"name": "A German", "payment-currency": "EUR", "fee-percentage": 10.0, "revenue": 4.0, "ticket-count": 2.0},
        {"name": "B French", "payment-currency": "EUR", "fee-percentage": 5.0, "revenue": 2.0, "ticket-count": 2.0},
        {"name": "C Dollars", "payment-currency": "USD", "fee-percentage": 0.0, "revenue": 0.0, "ticket-count": 2.0},
    ]


def test_sales_fees_ignore_deleted_ticket_fees(admin_api):
    TicketFeeFactory(currency="EUR", service_fee="5.00", deleted_at=timezone.now())
    EventFactory(payment_currency="EUR")
    data = admin_api.get("/v1/admin/sales/fees").json()["data"]
    assert data[0]["attributes"]["fee-percentage"] == 0.0


def test_sales_fees_query_count_does_not_grow_with_events_or_fees(admin_api):
    TicketFeeFactory(currency="EUR")
    sell(EventFactory(payment_currency="EUR"), "10.00", 1)
    one = queries(admin_api, "/v1/admin/sales/fees")
    for currency in ("USD", "GBP", "CHF", "JPY"):
        TicketFeeFactory(currency=currency)
        sell(EventFactory(payment_currency=currency), "10.00", 1)
    assert queries(admin_api, "/v1/admin/sales/fees") == one


def test_sales_fees_cap_each_tickets_fee_at_the_maximum(admin_api):
    TicketFeeFactory(currency="EUR", service_fee="10.00", maximum_fee="5.00")
    TicketFeeFactory(currency="GBP", service_fee="10.00", maximum_fee="0.00")
    capped = EventFactory(name="A capped", payment_currency="EUR")
    sell(capped, "100.00", 2)  # 10 each, capped at 5
    sell(capped, "20.00", 1)  # 2
    sell(EventFactory(name="B uncapped", payment_currency="GBP"), "100.00", 1)  # no maximum: 10
    data = admin_api.get("/v1/admin/sales/fees?sort=name").json()["data"]
    assert [(i["attributes"]["revenue"], i["attributes"]["ticket-count"]) for i in data] == [(12.0, 3.0), (10.0, 1.0)]


def test_sales_fees_count_only_completed_orders(admin_api):
    TicketFeeFactory(currency="EUR", service_fee="10.00")
    event = EventFactory(payment_currency="EUR")
    ticket = TicketFactory(event=event, type="paid", price="20.00", quantity=50, max_order=10)
    place(UserFactory(), event, (ticket, 1), status="completed")
    place(UserFactory(), event, (ticket, 3), status="placed")
    place(UserFactory(), event, (ticket, 2))  # pending
    attributes = admin_api.get("/v1/admin/sales/fees").json()["data"][0]["attributes"]
    assert (attributes["revenue"], attributes["ticket-count"]) == (2.0, 1.0)
