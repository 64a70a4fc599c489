import pytest

from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, UserFactory
from tests.ticket_types.conftest import assert_constant_queries
from tests.ticket_types.factories import EventInvoiceFactory
from tickets.models import EventInvoice

pytestmark = pytest.mark.django_db


def invoice_doc(event, **attrs):
    relationships = {"event": {"data": {"type": "event", "id": str(event.pk)}}}
    return resource("event-invoice", {"amount": "100.00", **attrs}, relationships=relationships)


def test_event_invoice_issued_by_an_admin_bills_the_owner(admin_api, event, organizer):
    response = admin_api.post("/v1/event-invoices", invoice_doc(event))
    assert response.status_code == 201, response.content
    invoice = EventInvoice.objects.get()
    assert (invoice.event, invoice.user, invoice.status) == (event, organizer, "due")
    assert response.json()["data"]["attributes"]["identifier"] == invoice.identifier


def test_event_invoice_organizer_reads_the_events_invoices(organizer_api, event):
    invoice = EventInvoiceFactory(event=event)
    listed = organizer_api.get(f"/v1/events/{event.pk}/event-invoices").json()["data"]
    assert [item["id"] for item in listed] == [str(invoice.pk)]
    assert organizer_api.get(f"/v1/event-invoices/{invoice.pk}").status_code == 200


def test_event_invoice_billed_user_reads_their_own(event):
    billed = UserFactory()
    invoice = EventInvoiceFactory(event=event, user=billed)
    api = ApiClient(billed)
    listed = api.get(f"/v1/users/{billed.pk}/event-invoices").json()["data"]
    assert [item["id"] for item in listed] == [str(invoice.pk)]
    assert api.get(f"/v1/event-invoices/{invoice.pk}").status_code == 200


def test_event_invoice_is_hidden_from_others(outsider_api, event):
    invoice = EventInvoiceFactory(event=event)
    assert outsider_api.get(f"/v1/event-invoices/{invoice.pk}").status_code == 404
    assert outsider_api.get(f"/v1/events/{event.pk}/event-invoices").status_code == 403
    assert outsider_api.get("/v1/event-invoices").status_code == 403


def test_event_invoice_organizer_cannot_mark_it_paid(organizer_api, event):
    invoice = EventInvoiceFactory(event=event)
    body = resource("event-invoice", {"status": "paid"}, id=invoice.pk)
    assert organizer_api.patch(f"/v1/event-invoices/{invoice.pk}", body).status_code == 403
    assert EventInvoice.objects.get(pk=invoice.pk).status == "pending"


def test_event_invoice_paid_by_admin_is_completed(admin_api, event):
    invoice = EventInvoiceFactory(event=event)
    body = resource("event-invoice", {"status": "paid", "paid-via": "stripe"}, id=invoice.pk)
    response = admin_api.patch(f"/v1/event-invoices/{invoice.pk}", body)
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["completed-at"] is not None


@pytest.mark.parametrize("attrs", [{"amount": "-5"}, {"status": "lost"}, {"exp-month": 13}])
def test_event_invoice_invalid_values_are_rejected(admin_api, event, attrs):
    response = admin_api.post("/v1/event-invoices", invoice_doc(event, **attrs))
    assert response.status_code in (400, 422), response.content
    assert EventInvoice.objects.count() == 0


def test_event_invoice_list_query_count_does_not_grow(admin_api, django_assert_max_num_queries):
    add = lambda: EventInvoiceFactory(event=EventFactory(owner=UserFactory()))  # noqa: E731
    assert_constant_queries(admin_api, "/v1/event-invoices?include=event,user", add, django_assert_max_num_queries)
