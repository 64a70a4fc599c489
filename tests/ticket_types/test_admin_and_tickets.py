import pytest
from django.test import Client

from tests.conftest import ApiClient, resource
from tests.factories import MicrolocationFactory, TicketFactory, UserFactory
from tests.ticket_types.factories import (
    EventInvoiceFactory,
    StationFactory,
    TaxFactory,
    TicketFeeFactory,
    TicketTagFactory,
)
from tickets.models import Station, TicketFee

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db):
    client = Client()
    client.force_login(UserFactory(is_admin=True, is_super_admin=True))
    return client


def test_admin_pages_of_the_new_types_render(admin_client_, event):
    fee, tax, tag = TicketFeeFactory(), TaxFactory(event=event), TicketTagFactory(event=event)
    invoice, station = EventInvoiceFactory(event=event), StationFactory(event=event)
    for url in (
        "/admin/tickets/ticketfee/",
        f"/admin/tickets/ticketfee/{fee.pk}/change/",
        "/admin/tickets/ticketfee/add/",
        "/admin/tickets/tax/?q=VAT",
        f"/admin/tickets/tax/{tax.pk}/change/",
        "/admin/tickets/tickettag/",
        f"/admin/tickets/tickettag/{tag.pk}/change/",
        "/admin/tickets/eventinvoice/?status__exact=pending",
        f"/admin/tickets/eventinvoice/{invoice.pk}/change/",
        "/admin/tickets/station/",
        f"/admin/tickets/station/{station.pk}/change/",
    ):
        assert admin_client_.get(url).status_code == 200, url


def test_admin_ticket_fee_form_applies_the_fee_rules(admin_client_):
    TicketFeeFactory(currency="USD")
    data = {"currency": "usd", "country": "", "service_fee": "3", "maximum_fee": "5"}
    response = admin_client_.post("/admin/tickets/ticketfee/add/", data)
    assert response.status_code == 200  # the form again, with the error
    assert TicketFee.objects.count() == 1
    data["service_fee"] = "150"
    data["currency"] = "EUR"
    assert admin_client_.post("/admin/tickets/ticketfee/add/", data).status_code == 200
    assert TicketFee.objects.count() == 1
    data["service_fee"] = "2.5"
    assert admin_client_.post("/admin/tickets/ticketfee/add/", data).status_code == 302
    assert TicketFee.objects.get(currency="EUR").service_fee == 2.5


def test_admin_station_form_needs_a_room_for_check_in(admin_client_, event):
    data = {"event": event.pk, "station_name": "Door", "station_type": "check in", "microlocation": ""}
    assert admin_client_.post("/admin/tickets/station/add/", data).status_code == 200
    assert Station.objects.count() == 0
    data["microlocation"] = MicrolocationFactory(event=event).pk
    assert admin_client_.post("/admin/tickets/station/add/", data).status_code == 302


def test_ticket_checkin_attributes_default_and_update(organizer_api, event):
    ticket = TicketFactory(event=event)
    attributes = ApiClient().get(f"/v1/tickets/{ticket.pk}").json()["data"]["attributes"]
    assert (attributes["is-checkin-restricted"], attributes["auto-checkin-enabled"]) == (True, False)
    body = resource("ticket", {"is-checkin-restricted": False, "auto-checkin-enabled": True}, id=ticket.pk)
    organizer_api.patch(f"/v1/tickets/{ticket.pk}", body)
    ticket.refresh_from_db()
    assert (ticket.is_checkin_restricted, ticket.auto_checkin_enabled) == (False, True)


def test_ticket_ticket_tags_relationship_is_served(event):
    ticket = TicketFactory(event=event)
    tag = TicketTagFactory(event=event)
    tag.tickets.add(ticket)
    body = ApiClient().get(f"/v1/tickets/{ticket.pk}?include=ticket-tags").json()
    assert body["data"]["relationships"]["ticket-tags"]["data"] == [{"type": "ticket-tag", "id": str(tag.pk)}]
    assert body["included"][0]["attributes"]["name"] == tag.name
