"""Attendees: the blueprint's desk attributes (registration, check-out, notes, ticket id, deleted-at), removal
by the organizer, the receipt mail, the search of an event's attendees and the registration state."""

from io import BytesIO

import pytest
from django.core import mail
from pypdf import PdfReader

from tests.conftest import ApiClient, resource
from tests.factories import UserFactory
from tests.orders_and_sales.conftest import give_role
from tests.orders_and_sales.helpers import place
from tickets.models import Attendee

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendee(event, free_ticket, buyer):
    order = place(buyer, event, (free_ticket, 1))
    attendee = order.attendees.get()
    attendee.firstname, attendee.lastname, attendee.email = "Ada", "Lovelace", "ada@example.org"
    attendee.save()
    return attendee


def test_attendee_shows_the_blueprint_attributes(buyer_api, attendee, free_ticket):
    attributes = buyer_api.get(f"/v1/attendees/{attendee.pk}").json()["data"]["attributes"]
    assert attributes["ticket-id"] == str(free_ticket.pk)
    assert (attributes["is-registered"], attributes["is-checked-out"]) == (False, False)
    assert (attributes["register-times"], attributes["attendee-notes"], attributes["deleted-at"]) == ("", "", None)


def test_registrar_registers_checks_out_and_notes(event, attendee):
    registrar = give_role(UserFactory(), event, "registrar")
    body = resource(
        "attendee", {"is-registered": True, "is-checked-out": True, "attendee-notes": "VIP"}, id=attendee.pk
    )
    response = ApiClient(registrar).patch(f"/v1/attendees/{attendee.pk}", body)
    assert response.status_code == 200, response.content
    attributes = response.json()["data"]["attributes"]
    assert (attributes["is-registered"], attributes["is-checked-out"], attributes["attendee-notes"]) == (
        True,
        True,
        "VIP",
    )
    assert attributes["register-times"] and attributes["checkout-times"]


def test_the_buyer_cannot_register_themselves(buyer_api, attendee):
    response = buyer_api.patch(
        f"/v1/attendees/{attendee.pk}", resource("attendee", {"is-registered": True}, id=attendee.pk)
    )
    assert response.status_code == 403
    attendee.refresh_from_db()
    assert attendee.is_registered is False


def test_organizer_removes_an_attendee_and_its_seat_is_freed(organizer_api, buyer_api, attendee, event):
    response = organizer_api.delete(f"/v1/attendees/{attendee.pk}")
    assert response.status_code == 200, response.content
    assert response.json()["meta"] == {"message": "Object successfully deleted"}
    attendee.refresh_from_db()
    assert attendee.deleted_at is not None and attendee.seat is None
    assert organizer_api.get(f"/v1/attendees/{attendee.pk}").status_code == 404
    assert organizer_api.get(f"/v1/events/{event.pk}/attendees").json()["data"] == []
    assert (
        buyer_api.get(f"/v1/orders/{attendee.order.identifier}").json()["data"]["relationships"]["attendees"]["data"]
        == []
    )


@pytest.mark.parametrize("role", ["coorganizer", "registrar"])
def test_only_the_organizer_removes_attendees(event, attendee, role):
    member = give_role(UserFactory(), event, role)
    assert ApiClient(member).delete(f"/v1/attendees/{attendee.pk}").status_code == 403
    assert Attendee.objects.filter(pk=attendee.pk, deleted_at__isnull=True).exists()


def test_send_receipt_mails_the_buyer(organizer_api, attendee, buyer, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_api.post(
            "/v1/attendees/send-receipt",
            {"order-identifier": attendee.order.identifier},
            headers={"Accept": "application/json"},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    assert response.json() == {"message": "receipt sent to attendees"}
    assert [m.to for m in mail.outbox] == [[buyer.email]]
    message = mail.outbox[0]
    assert attendee.order.identifier in message.body
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == (f"receipt-{attendee.order.identifier}.pdf", "application/pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
    assert f"Receipt for order {attendee.order.identifier}" in text.replace("\n", " ")
    assert "Free: 0.00 USD (Ada Lovelace)" in text
    assert "Total: 0.00 USD" in text


def test_send_receipt_refusals(buyer_api, organizer_api, attendee, event, paid_ticket, buyer):
    url = "/v1/attendees/send-receipt"
    body = {"order-identifier": attendee.order.identifier}
    assert buyer_api.post(url, body, content_type="application/json").status_code == 403
    assert ApiClient(UserFactory()).post(url, body, content_type="application/json").status_code == 404
    assert organizer_api.post(url, {"order-identifier": "nope"}, content_type="application/json").status_code == 404
    assert organizer_api.post(url, {}, content_type="application/json").status_code == 422
    pending = place(buyer, event, (paid_ticket, 1))
    unpaid = organizer_api.post(url, {"order-identifier": pending.identifier}, content_type="application/json")
    assert unpaid.status_code == 422


def test_search_attendees_by_name_email_or_order(organizer_api, event, attendee, free_ticket, buyer):
    other = place(buyer, event, (free_ticket, 1)).attendees.get()
    other.firstname = "Grace"
    other.save()
    url = f"/v1/events/{event.pk}/attendees/search"
    everyone = organizer_api.get(url).json()["attendees"]
    assert [a["firstname"] for a in everyone] == ["Ada", "Grace"]
    assert everyone[0]["email"] == "ada@example.org"
    assert everyone[0]["ticket-id"] == str(free_ticket.pk)
    assert "is-registered" in everyone[0] and "event" not in everyone[0]
    assert [a["firstname"] for a in organizer_api.get(f"{url}?search=love").json()["attendees"]] == ["Ada"]
    assert [a["firstname"] for a in organizer_api.get(f"{url}?search=ADA@example.org").json()["attendees"]] == ["Ada"]
    by_order = organizer_api.get(f"{url}?search={other.order.identifier}").json()["attendees"]
    assert [a["firstname"] for a in by_order] == ["Grace"]


def test_search_is_for_those_who_read_attendees(event, attendee, buyer_api):
    url = f"/v1/events/{event.pk}/attendees/search"
    assert buyer_api.get(url).status_code == 403
    assert ApiClient().get(url).status_code == 401
    registrar = give_role(UserFactory(), event, "registrar")
    assert ApiClient(registrar).get(url).status_code == 200


def test_attendee_state(organizer_api, buyer_api, event, attendee):
    url = f"/v1/states?event_id={event.pk}&attendee_id={attendee.pk}"
    assert organizer_api.get(url).json() == {"is_registered": False, "register_times": None}
    Attendee.objects.filter(pk=attendee.pk).update(is_registered=True, register_times="2026-01-01T10:00:00+00:00")
    assert buyer_api.get(url).json() == {"is_registered": True, "register_times": "2026-01-01T10:00:00+00:00"}
    assert ApiClient(UserFactory()).get(url).status_code == 404
    assert organizer_api.get(f"/v1/states?event_id=x&attendee_id={attendee.pk}").status_code == 400


def test_a_long_receipt_continues_on_the_next_page(attendee):
    from tickets.receipts import receipt_pdf

    lines = [f"line {n}" for n in range(80)]
    reader = PdfReader(BytesIO(receipt_pdf(attendee.order, lines)))
    assert len(reader.pages) == 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "line 0" in text and "line 79" in text


def test_a_removed_attendee_leaves_the_dashboard_lists_and_figures(
    organizer, organizer_api, event, attendee, free_ticket, buyer
):
    from django.test import Client

    from tickets.selectors import check_in_counts

    kept = place(buyer, event, (free_ticket, 1)).attendees.get()
    assert organizer_api.delete(f"/v1/attendees/{attendee.pk}").status_code == 200
    assert check_in_counts(event)["total"] == 1
    client = Client()
    client.force_login(organizer)
    listing = client.get(f"/dashboard/events/{event.identifier}/attendees")
    assert listing.status_code == 200
    assert [a.pk for a in listing.context["listing"].page.object_list] == [kept.pk]
    detail = f"/dashboard/events/{event.identifier}/attendees/{attendee.pk}/check-in"
    assert client.post(detail, {"checked_in": "1"}).status_code == 404


def test_search_queries_do_not_grow_with_attendees(organizer_api, event, attendee, free_ticket, buyer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert organizer_api.get(f"/v1/events/{event.pk}/attendees/search").status_code == 200
        return len(ctx.captured_queries)

    one = count()
    place(buyer, event, (free_ticket, 4))
    assert count() == one
