"""Routes the Open Event client calls with `Accept: application/json` (users.apib, orders.apib) answer that media
type as well as the JSON:API one."""

import pytest

from tests.conftest import ApiClient
from tests.factories import EventFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db
PLAIN = {"Accept": "application/json"}


@pytest.mark.parametrize("accept", ["application/json", "application/vnd.api+json"])
def test_check_email_answers_either_media_type(api, accept):
    UserFactory(email="taken@example.org")
    response = api.post(
        "/v1/users/check_email", {"email": "taken@example.org"}, headers={"Accept": accept},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith(accept)
    assert response.json() == {"exists": True}


def test_get_user_id_tells_the_signed_in_user_their_id(user):
    response = ApiClient(user).get("/v1/users/user-details/get-user-id", headers=PLAIN)
    assert response.status_code == 200, response.content
    assert response.json() == {"user_id": str(user.pk)}


def test_get_user_id_needs_a_signed_in_user(api):
    assert api.get("/v1/users/user-details/get-user-id", headers=PLAIN).status_code == 401


def test_calculate_amount_and_create_order_accept_plain_json_clients(user):
    event = EventFactory()
    ticket = TicketFactory(event=event, price=20, type="paid", quantity=10)
    client = ApiClient(user)
    body = {"event": event.identifier, "tickets": [{"id": ticket.pk, "quantity": 2}]}
    quote = client.post("/v1/orders/calculate-amount", body, headers=PLAIN, content_type="application/json")
    assert quote.status_code == 200, quote.content
    assert quote["Content-Type"].startswith("application/json")
    assert quote.json()["total"] == "40.00"
    order = client.post("/v1/orders/create-order", body, headers=PLAIN, content_type="application/json")
    assert order.status_code == 201, order.content
    assert order["Content-Type"].startswith("application/json")
    assert order.json()["data"]["type"] == "order"


def test_other_routes_still_answer_only_json_api(api):
    assert api.get("/v1/events", headers=PLAIN).status_code == 406
