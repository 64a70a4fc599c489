import pytest

from tests.conftest import ApiClient, resource
from tests.factories import UserFactory
from tests.ticket_types.conftest import assert_constant_queries
from tests.ticket_types.factories import TicketFeeFactory
from tickets.models import TicketFee

pytestmark = pytest.mark.django_db


def fee_doc(**attrs):
    return resource("ticket-fee", {"currency": "USD", "service-fee": "3.14", "maximum-fee": "5.14", **attrs})


def test_ticket_fee_created_by_an_admin(admin_api):
    response = admin_api.post("/v1/ticket-fees", fee_doc(currency="usd"))
    assert response.status_code == 201, response.content
    assert response.json()["data"]["attributes"] == {
        "currency": "USD",
        "country": "",
        "service-fee": 3.14,
        "maximum-fee": 5.14,
        "deleted-at": None,
    }


@pytest.mark.parametrize(
    "attrs", [{"currency": "DOLLAR"}, {"service-fee": "120"}, {"maximum-fee": "-1"}, {"currency": "1$"}]
)
def test_ticket_fee_invalid_values_are_rejected(admin_api, attrs):
    response = admin_api.post("/v1/ticket-fees", fee_doc(**attrs))
    assert response.status_code in (400, 422), response.content
    assert TicketFee.objects.count() == 0


def test_ticket_fee_one_per_currency_and_country(admin_api):
    TicketFeeFactory(currency="USD")
    assert admin_api.post("/v1/ticket-fees", fee_doc()).status_code == 409
    assert admin_api.post("/v1/ticket-fees", fee_doc(country="IN")).status_code == 201
    assert TicketFee.objects.count() == 2


def test_ticket_fee_is_not_for_organizers(organizer_api):
    fee = TicketFeeFactory()
    assert organizer_api.get("/v1/ticket-fees").status_code == 403
    assert organizer_api.get(f"/v1/ticket-fees/{fee.pk}").status_code == 403
    assert organizer_api.post("/v1/ticket-fees", fee_doc()).status_code == 403
    assert ApiClient().get("/v1/ticket-fees").status_code == 401


def test_ticket_fee_update_and_delete(admin_api):
    fee = TicketFeeFactory(currency="EUR")
    response = admin_api.patch(f"/v1/ticket-fees/{fee.pk}", resource("ticket-fee", {"service-fee": "2.14"}, id=fee.pk))
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["service-fee"] == 2.14
    assert admin_api.delete(f"/v1/ticket-fees/{fee.pk}").status_code == 200
    assert TicketFee.objects.get(pk=fee.pk).deleted_at is not None


def test_ticket_fee_list_query_count_does_not_grow(django_assert_max_num_queries):
    admin = ApiClient(UserFactory(is_admin=True))
    assert_constant_queries(admin, "/v1/ticket-fees", TicketFeeFactory, django_assert_max_num_queries)
