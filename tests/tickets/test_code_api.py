import pytest

from tests.conftest import ApiClient, resource
from tests.factories import AccessCodeFactory, DiscountCodeFactory, TicketFactory, UserFactory
from tests.tickets.conftest import give_role
from tickets.models import DiscountCode, Ticket

pytestmark = pytest.mark.django_db


def ticket_rel(*tickets):
    return {"tickets": {"data": [{"type": "ticket", "id": str(t.pk)} for t in tickets]}}


def test_discount_code_create_by_coorganizer_links_tickets(event, paid_ticket):
    coorganizer = give_role(UserFactory(), event, "coorganizer")
    body = resource(
        "discount-code",
        {"code": "Spring", "type": "percent", "value": 20, "used-for": "tickets", "tickets-number": 10},
        relationships=ticket_rel(paid_ticket),
    )
    response = ApiClient(coorganizer).post(f"/v1/events/{event.pk}/discount-codes", body)
    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert (data["type"], data["attributes"]["type"], data["attributes"]["used-for"]) == (
        "discount-code",
        "percent",
        "ticket",
    )
    assert data["relationships"]["tickets"]["data"] == [{"type": "ticket", "id": str(paid_ticket.pk)}]
    paid_ticket.refresh_from_db()
    assert paid_ticket.discount_code_id == int(data["id"])
    assert data["attributes"]["valid-till"] is not None  # missing valid-till = event end


@pytest.mark.parametrize(
    ("attributes", "pointer"),
    [
        ({"type": "percent", "value": 120}, "value"),
        ({"type": "amount", "value": 25}, "value"),  # more than the ticket price
        ({"min-quantity": 5, "max-quantity": 2}, "max-quantity"),
        ({"max-quantity": 8, "tickets-number": 4}, "max-quantity"),
        ({"code": "existing"}, "code"),  # case-insensitive clash
        ({"used-for": "sessions"}, "used-for"),
    ],
)
def test_discount_code_create_rules_answer_422_with_pointer(organizer_api, event, paid_ticket, attributes, pointer):
    DiscountCodeFactory(event=event, code="EXISTING")
    base = {"code": "New", "type": "amount", "value": 5}
    body = resource("discount-code", {**base, **attributes}, relationships=ticket_rel(paid_ticket))
    response = organizer_api.post(f"/v1/events/{event.pk}/discount-codes", body)
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{pointer}"
    assert DiscountCode.objects.count() == 1


def test_discount_code_unique_again_after_soft_delete(organizer_api, event):
    code = DiscountCodeFactory(event=event, code="AGAIN")
    assert organizer_api.delete(f"/v1/discount-codes/{code.pk}").status_code == 200
    body = resource("discount-code", {"code": "again", "type": "amount", "value": 1})
    assert organizer_api.post(f"/v1/events/{event.pk}/discount-codes", body).status_code == 201


def test_event_level_discount_code_is_admin_only_and_unique(organizer_api, admin_api, event):
    body = resource("discount-code", {"code": "PLATFORM", "type": "percent", "value": 10, "used-for": "events"})
    assert organizer_api.post(f"/v1/events/{event.pk}/discount-code", body).status_code == 403
    assert organizer_api.post(f"/v1/events/{event.pk}/discount-codes", body).status_code == 403
    created = admin_api.post(f"/v1/events/{event.pk}/discount-code", body)
    assert created.status_code == 201, created.content
    code_id = created.json()["data"]["id"]
    assert admin_api.post(f"/v1/events/{event.pk}/discount-code", body).status_code in (409, 422)
    got = admin_api.get(f"/v1/events/{event.pk}/discount-code")
    assert got.json()["data"]["attributes"]["used-for"] == "event"
    patch = resource("discount-code", {"value": 15}, id=code_id)
    assert admin_api.patch(f"/v1/events/{event.pk}/discount-code", patch).json()["data"]["attributes"]["value"] == 15
    changed = resource("discount-code", {"used-for": "ticket"}, id=code_id)
    assert admin_api.patch(f"/v1/events/{event.pk}/discount-code", changed).status_code == 422
    listed = organizer_api.get(f"/v1/events/{event.pk}/discount-codes").json()["data"]
    assert [item["id"] for item in listed] == [code_id]
    assert organizer_api.get(f"/v1/discount-codes/{code_id}").status_code == 404


def test_discount_code_tickets_relationship_get_and_patch(organizer_api, event):
    code = DiscountCodeFactory(event=event)
    first, second = TicketFactory(event=event), TicketFactory(event=event)
    other_code = DiscountCodeFactory(event=event)
    second.discount_code = other_code
    second.save()
    url = f"/v1/discount-codes/{code.pk}/relationships/tickets"
    assert organizer_api.get(url).json()["data"] == []
    response = organizer_api.patch(
        url, {"data": [{"type": "ticket", "id": str(first.pk)}, {"type": "ticket", "id": str(second.pk)}]}
    )
    assert response.status_code == 200, response.content
    assert {item["id"] for item in response.json()["data"]} == {str(first.pk), str(second.pk)}
    second.refresh_from_db()
    assert second.discount_code == code  # a ticket has at most one code: it moved
    tickets = organizer_api.get(f"/v1/discount-codes/{code.pk}/tickets").json()["data"]
    assert sorted(item["id"] for item in tickets) == sorted([str(first.pk), str(second.pk)])
    foreign = TicketFactory()
    bad = organizer_api.patch(url, {"data": [{"type": "ticket", "id": str(foreign.pk)}]})
    assert bad.status_code == 422
    assert organizer_api.patch(url, {"data": []}).json()["data"] == []
    assert Ticket.objects.filter(discount_code=code).count() == 0


def test_discount_code_public_lookup_is_case_insensitive(api, event):
    DiscountCodeFactory(event=event, code="Summer")
    assert (
        api.get(f"/v1/events/{event.identifier}/discount-codes/SUMMER").json()["data"]["attributes"]["code"] == "Summer"
    )
    assert api.get(f"/v1/events/{event.identifier}/discount-codes/winter").status_code == 404


def test_access_code_create_and_lookup_unlocks_hidden_tickets(organizer_api, api, event):
    hidden = TicketFactory(event=event, is_hidden=True)
    body = resource("access-code", {"code": "Press", "tickets-number": 5}, relationships=ticket_rel(hidden))
    response = organizer_api.post(f"/v1/events/{event.pk}/access-codes", body)
    assert response.status_code == 201, response.content
    looked_up = api.get(f"/v1/events/{event.pk}/access-codes/press?include=tickets").json()
    assert looked_up["data"]["relationships"]["tickets"]["data"] == [{"type": "ticket", "id": str(hidden.pk)}]
    assert looked_up["included"][0]["attributes"]["is-hidden"] is True


def test_access_code_update_and_delete(organizer_api, event):
    code = AccessCodeFactory(event=event, code="A1")
    response = organizer_api.patch(
        f"/v1/access-codes/{code.pk}", resource("access-code", {"is-active": False}, id=code.pk)
    )
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["is-active"] is False
    assert organizer_api.delete(f"/v1/access-codes/{code.pk}").status_code == 200


@pytest.mark.parametrize("kind", ["discount-codes", "access-codes"])
def test_code_lists_query_count_does_not_grow(organizer_api, event, kind, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factory = DiscountCodeFactory if kind == "discount-codes" else AccessCodeFactory

    def add():
        code = factory(event=event)
        ticket = TicketFactory(event=event)
        if kind == "discount-codes":
            ticket.discount_code = code
            ticket.save()
        else:
            code.tickets.add(ticket)
        return code

    code = add()
    url = f"/v1/events/{event.pk}/{kind}?include=tickets"
    with CaptureQueriesContext(connection) as one:
        assert organizer_api.get(url).status_code == 200
    for _ in range(4):
        add()
    with django_assert_max_num_queries(len(one)):
        assert len(organizer_api.get(url).json()["data"]) == 5
    sub = f"/v1/{kind}/{code.pk}/tickets"
    with CaptureQueriesContext(connection) as one:
        assert organizer_api.get(sub).status_code == 200
    if kind == "discount-codes":
        TicketFactory.create_batch(4, event=event, discount_code=code)
    else:
        code.tickets.add(*TicketFactory.create_batch(4, event=event))
    with django_assert_max_num_queries(len(one)):
        assert len(organizer_api.get(sub).json()["data"]) == 5


def test_stripe_authorization_one_per_event_and_secrets_hidden(organizer_api, event):
    body = resource(
        "stripe-authorization",
        {"stripe-auth-code": "ac_123"},
        relationships={"event": {"data": {"type": "event", "id": str(event.pk)}}},
    )
    response = organizer_api.post("/v1/stripe-authorization", body)
    assert response.status_code == 201, response.content
    from tickets.models import StripeAuthorization

    auth = StripeAuthorization.objects.get()
    auth.stripe_secret_key = "sk_live_secret"
    auth.stripe_refresh_token = "rt_secret"
    auth.save()
    assert organizer_api.post("/v1/stripe-authorization", body).status_code == 409
    detail = organizer_api.get(f"/v1/stripe-authorization/{auth.pk}")
    by_event = organizer_api.get(f"/v1/events/{event.identifier}/stripe-authorization")
    for answer in (detail, by_event):
        assert answer.status_code == 200
        assert "secret" not in answer.content.decode()
        assert set(answer.json()["data"]["attributes"]) == {"stripe-auth-code", "stripe-publishable-key"}
    assert organizer_api.get("/v1/stripe-authorization").status_code == 405
    assert organizer_api.delete(f"/v1/stripe-authorization/{auth.pk}").status_code == 200
