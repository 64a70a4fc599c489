from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import ApiClient, resource
from tests.factories import DiscountCodeFactory, TicketFactory, UserFactory
from tests.tickets.conftest import give_role
from tickets.models import Order

pytestmark = pytest.mark.django_db


def order_doc(event, *items, **attributes):
    return {
        "data": {
            "type": "order",
            "attributes": {"tickets": list(items), **attributes},
            "relationships": {"event": {"data": {"type": "event", "id": str(event.pk)}}},
        }
    }


def test_order_create_jsonapi_document_with_attendees(buyer_api, buyer, event, ticket):
    attendees = [{"firstname": "Ada", "lastname": "L", "email": "ada@example.org"}, {"firstname": "Bob"}]
    body = order_doc(event, {"id": ticket.pk, "quantity": 2, "attendees": attendees}, city="Singapore")
    response = buyer_api.post("/v1/orders?include=attendees", body)
    assert response.status_code == 201, response.content
    document = response.json()
    order = Order.objects.get()
    assert document["data"]["attributes"]["identifier"] == order.identifier
    assert document["data"]["attributes"]["status"] == "completed"
    assert document["data"]["attributes"]["city"] == "Singapore"
    assert response["Location"].endswith(f"/v1/orders/{order.identifier}")
    assert sorted(a["attributes"]["firstname"] for a in document["included"]) == ["Ada", "Bob"]
    assert document["data"]["relationships"]["tickets"]["data"] == [{"type": "ticket", "id": str(ticket.pk)}]
    assert order.user == buyer


@pytest.mark.parametrize("include", ["", "?include=attendees,tickets,event,user"])
def test_order_create_answers_what_a_read_of_the_order_answers(buyer_api, event, paid_ticket, include):
    """The answer is rendered from the order as written (its row is not read again): the same document, byte for
    byte, as the buyer's next GET of it."""
    body = order_doc(event, {"id": paid_ticket.pk, "quantity": 2}, city="Singapore", company="ACME")
    created = buyer_api.post(f"/v1/orders{include}", body)
    assert created.status_code == 201, created.content
    identifier = created.json()["data"]["attributes"]["identifier"]
    read = buyer_api.get(f"/v1/orders/{identifier}{include}")
    assert read.status_code == 200
    assert created.content == read.content


def test_order_create_order_plain_json_from_the_client(event, paid_ticket):
    code = DiscountCodeFactory(event=event, code="TEN", type="amount", value=10)
    paid_ticket.discount_code = code
    paid_ticket.save()
    client = ApiClient(UserFactory())
    body = {"tickets": [{"id": paid_ticket.pk, "quantity": 1}], "discount-code": "ten"}
    response = client.post("/v1/orders/create-order", body, content_type="application/json")
    assert response.status_code == 201, response.content
    attributes = response.json()["data"]["attributes"]
    assert (attributes["amount"], attributes["status"], attributes["discount-code-id"]) == (
        10.0,
        "initializing",  # the client's checkout: the buyer fills in the attendee form next
        str(code.pk),
    )


def test_order_calculate_amount_writes_nothing(api, event, paid_ticket):
    body = {"event": event.identifier, "tickets": [{"id": paid_ticket.pk, "quantity": 3}]}
    response = api.post("/v1/orders/calculate-amount", body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["total"] == "60.00"
    assert Order.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "status", "pointer"),
    [
        ({"tickets": "nope"}, 422, "/data/relationships/tickets"),
        ({"tickets": [{"id": 999999, "quantity": 1}]}, 422, "/data/relationships/tickets"),
        ({"tickets": [{"id": "TICKET", "quantity": "two"}]}, 422, "/data/attributes/quantity"),
    ],
)
def test_order_create_bad_input_is_a_clear_error(buyer_api, event, ticket, body, status, pointer):
    body = {"event": event.pk, **body}
    if body["tickets"] != "nope" and body["tickets"][0]["id"] == "TICKET":
        body["tickets"][0]["id"] = ticket.pk
    response = buyer_api.post("/v1/orders", body)
    assert response.status_code == status, response.content
    assert response.json()["errors"][0]["source"]["pointer"] == pointer
    assert Order.objects.count() == 0


def test_order_create_sold_out_is_409(buyer_api, event):
    ticket = TicketFactory(event=event, quantity=1)
    assert buyer_api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1}]}).status_code == 201
    response = buyer_api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1}]})
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "sold_out"


def test_order_create_needs_sign_in_and_a_visible_event(api, event, ticket):
    assert api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1}]}).status_code == 401
    event.state = "draft"
    event.save()
    response = ApiClient(UserFactory()).post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1}]})
    assert response.status_code == 404


def test_order_visible_to_buyer_and_team_by_id_or_identifier(buyer_api, organizer_api, event, ticket):
    identifier = buyer_api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1}]}).json()["data"][
        "attributes"
    ]["identifier"]
    order = Order.objects.get(identifier=identifier)
    assert buyer_api.get(f"/v1/orders/{identifier}").status_code == 200
    assert organizer_api.get(f"/v1/orders/{order.pk}").status_code == 200
    registrar = give_role(UserFactory(), event, "registrar")
    assert ApiClient(registrar).get(f"/v1/orders/{identifier}/attendees").status_code == 200
    assert ApiClient(UserFactory()).get(f"/v1/orders/{identifier}").status_code == 404
    assert ApiClient().get(f"/v1/orders/{identifier}").status_code == 401


def test_order_buyer_cancels_pending_order_and_seats_return(buyer_api, event, paid_ticket):
    document = buyer_api.post("/v1/orders", {"tickets": [{"id": paid_ticket.pk, "quantity": 2}]}).json()
    identifier = document["data"]["attributes"]["identifier"]
    completed = buyer_api.patch(f"/v1/orders/{identifier}", resource("order", {"status": "completed"}, id=identifier))
    assert completed.status_code == 422  # a buyer cannot mark an order paid
    response = buyer_api.patch(f"/v1/orders/{identifier}", resource("order", {"status": "cancelled"}, id=identifier))
    assert response.status_code == 200, response.content
    assert response.json()["data"]["attributes"]["status"] == "cancelled"
    availability = ApiClient().get(f"/v1/events/{event.pk}/tickets/availability").json()
    assert availability[0]["available"] == 10


def test_order_organizer_completes_pending_order_unless_expired(organizer_api, buyer_api, event, paid_ticket):
    data = buyer_api.post("/v1/orders", {"tickets": [{"id": paid_ticket.pk, "quantity": 1}]}).json()["data"]
    url = f"/v1/orders/{data['id']}"
    response = organizer_api.patch(url, resource("order", {"status": "completed"}, id=data["id"]))
    assert response.status_code == 200, response.content
    assert response.json()["data"]["attributes"]["completed-at"] is not None
    data = buyer_api.post("/v1/orders", {"tickets": [{"id": paid_ticket.pk, "quantity": 1}]}).json()["data"]
    Order.objects.filter(pk=data["id"]).update(expires_at=timezone.now() - timedelta(minutes=1))
    late = organizer_api.patch(f"/v1/orders/{data['id']}", resource("order", {"status": "completed"}, id=data["id"]))
    assert late.status_code == 409


def test_attendees_registrar_reads_and_checks_in(buyer_api, event, ticket):
    buyer_api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1, "attendees": [{"firstname": "Kim"}]}]})
    registrar = ApiClient(give_role(UserFactory(), event, "registrar"))
    listed = registrar.get(f"/v1/events/{event.identifier}/attendees")
    assert listed.status_code == 200
    attendee_id = listed.json()["data"][0]["id"]
    response = registrar.patch(
        f"/v1/attendees/{attendee_id}", resource("attendee", {"is-checked-in": True}, id=attendee_id)
    )
    assert response.status_code == 200, response.content
    assert response.json()["data"]["attributes"]["is-checked-in"] is True
    own = buyer_api.patch(
        f"/v1/attendees/{attendee_id}", resource("attendee", {"is-checked-in": False}, id=attendee_id)
    )
    assert own.status_code == 403
    renamed = buyer_api.patch(
        f"/v1/attendees/{attendee_id}", resource("attendee", {"firstname": "Kimberly"}, id=attendee_id)
    )
    assert renamed.json()["data"]["attributes"]["firstname"] == "Kimberly"
    assert ApiClient(UserFactory()).get(f"/v1/attendees/{attendee_id}").status_code == 404


@pytest.mark.parametrize("path", ["orders", "attendees"])
def test_order_and_attendee_lists_query_count_does_not_grow(
    organizer_api, event, ticket, path, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tickets.checkout import order_create

    def buy():
        order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 1}])

    buy()
    url = f"/v1/events/{event.pk}/{path}?include=" + ("attendees,tickets" if path == "orders" else "ticket,order")
    with CaptureQueriesContext(connection) as one:
        assert organizer_api.get(url).status_code == 200
    for _ in range(4):
        buy()
    with django_assert_max_num_queries(len(one)):
        assert len(organizer_api.get(url).json()["data"]) == 5


def test_order_attendees_sub_list_query_count_does_not_grow(
    organizer_api, event, ticket, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tickets.checkout import order_create

    one_seat = order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 1}])
    five_seats = order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 5}])
    with CaptureQueriesContext(connection) as one:
        assert organizer_api.get(f"/v1/orders/{one_seat.identifier}/attendees").status_code == 200
    with django_assert_max_num_queries(len(one)):
        assert len(organizer_api.get(f"/v1/orders/{five_seats.identifier}/attendees").json()["data"]) == 5


def test_attendee_order_linkage_only_when_included(organizer_api, buyer_api, event, ticket):
    """The client keys orders by identifier: a bare order id in the attendee's linkage would become a second
    order record there. Links only (as the Open Event Server answers), data when the order is included."""
    buyer_api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1, "attendees": [{"firstname": "Kim"}]}]})
    order = Order.objects.get()
    attendee = order.attendees.get()
    for url in (f"/v1/attendees/{attendee.pk}", f"/v1/events/{event.pk}/attendees"):
        body = organizer_api.get(url).json()
        data = body["data"] if isinstance(body["data"], dict) else body["data"][0]
        relationship = data["relationships"]["order"]
        assert "data" not in relationship, url
        assert relationship["links"]["related"].endswith(f"/v1/attendees/{attendee.pk}/order")
        assert data["relationships"]["ticket"]["data"] == {"type": "ticket", "id": str(ticket.pk)}  # plain FK
        included = organizer_api.get(url + "?include=order").json()
        data = included["data"] if isinstance(included["data"], dict) else included["data"][0]
        assert data["relationships"]["order"]["data"] == {"type": "order", "id": str(order.pk)}
        assert [(r["type"], r["attributes"]["identifier"]) for r in included["included"]] == [
            ("order", order.identifier)
        ]
    related = organizer_api.get(f"/v1/attendees/{attendee.pk}/order").json()["data"]
    assert related["attributes"]["identifier"] == order.identifier
    linkage = organizer_api.get(f"/v1/attendees/{attendee.pk}/relationships/order").json()["data"]
    assert linkage == {"type": "order", "id": str(order.pk)}


def test_attendee_checked_in_and_out_by_stamps_as_the_client_does(buyer_api, event, ticket):
    """The client's attendee list appends a stamp to checkin-times (then checkout-times) and sends
    is-checked-in unchanged: the flags follow the stamps."""
    buyer_api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1, "attendees": [{"firstname": "Kim"}]}]})
    attendee = Order.objects.get().attendees.get()
    registrar = ApiClient(give_role(UserFactory(), event, "registrar"))

    def patch(**attributes):  # the client sends the flag it holds (from the last answer)
        doc = resource("attendee", {"is-checked-in": attendee.is_checked_in, **attributes}, id=attendee.pk)
        return registrar.patch(f"/v1/attendees/{attendee.pk}", doc)

    response = patch(**{"checkin-times": "2031-05-01T13:00:00.000Z"})
    assert response.status_code == 200, response.content
    assert response.json()["data"]["attributes"]["is-checked-in"] is True
    attendee.refresh_from_db()
    assert (attendee.is_checked_in, attendee.is_checked_out) == (True, False)
    assert attendee.checkin_times == "2031-05-01T13:00:00.000Z"

    response = patch(**{"checkout-times": "2031-05-01T17:00:00.000Z"})
    assert response.status_code == 200, response.content
    attendee.refresh_from_db()
    assert (attendee.is_checked_in, attendee.is_checked_out) == (False, True)
    assert attendee.checkout_times == "2031-05-01T17:00:00.000Z"

    # an explicit change of the flag in the same request wins over the stamps
    patch(**{"is-checked-in": True, "checkin-times": "2031-05-01T13:00:00.000Z,2031-05-02T09:00:00Z"})
    attendee.refresh_from_db()
    assert attendee.is_checked_in


def test_attendee_of_an_unsold_order_is_not_checked_in_by_a_stamp(organizer_api, event, paid_ticket):
    order = organizer_api.post(
        "/v1/orders", {"tickets": [{"id": paid_ticket.pk, "quantity": 1, "attendees": [{"firstname": "Kim"}]}]}
    )
    assert order.status_code == 201, order.content
    attendee = Order.objects.get().attendees.get()
    assert attendee.order.status not in Order.SOLD_STATUSES
    doc = resource("attendee", {"is-checked-in": False, "checkin-times": "2031-05-01T13:00:00Z"}, id=attendee.pk)
    response = organizer_api.patch(f"/v1/attendees/{attendee.pk}", doc)
    assert response.status_code == 422, response.content
    attendee.refresh_from_db()
    assert not attendee.is_checked_in and not attendee.checkin_times
