"""`POST /v1/orders/<id>/charge`: a pending order is paid through the configured payment provider (here the
fake one, a real implementation of `tickets.payments.PaymentProvider`) and becomes completed; a decline, a
provider failure or an order that cannot be paid leaves everything as it was."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import ApiClient, resource
from tests.factories import UserFactory
from tests.orders_and_sales.helpers import place
from tickets.models import Order

pytestmark = pytest.mark.django_db


def charge_doc(token="tok_visa", **extra):
    return resource("charge", {"stripe": token, "paypal_payer_id": None, "paypal_payment_id": None, **extra})


@pytest.fixture
def pending(event, paid_ticket, buyer):
    return place(buyer, event, (paid_ticket, 2))


def test_charge_completes_a_pending_order(buyer_api, pending, fake_provider):
    response = buyer_api.post(f"/v1/orders/{pending.identifier}/charge", charge_doc())
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["type"] == "charge"
    assert data["id"] == str(pending.pk)
    assert data["attributes"] == {"message": "Charged.", "status": True}
    pending.refresh_from_db()
    assert pending.status == "completed"
    assert pending.completed_at is not None and pending.expires_at is None
    assert (pending.paid_via, pending.brand, pending.last4) == ("stripe", "visa", "4242")
    assert pending.transaction_id.startswith("fake_")
    (request,) = fake_provider.requests
    assert (request.amount, request.currency, request.order_identifier) == (pending.amount, "USD", pending.identifier)
    assert request.credentials == {"stripe": "tok_visa"}


def test_charge_by_order_id_as_the_blueprint_numbers_it(buyer_api, pending, fake_provider):
    assert buyer_api.post(f"/v1/orders/{pending.pk}/charge", charge_doc()).status_code == 200


def test_a_declined_charge_is_402_and_writes_nothing(buyer_api, pending, fake_provider):
    before = Order.objects.filter(pk=pending.pk).values().get()
    response = buyer_api.post(f"/v1/orders/{pending.identifier}/charge", charge_doc("tok_declined"))
    assert response.status_code == 402
    assert response.json()["errors"][0]["detail"] == "Your card was declined."
    assert Order.objects.filter(pk=pending.pk).values().get() == before


def test_an_unreachable_provider_is_502_and_writes_nothing(buyer_api, pending, fake_provider):
    response = buyer_api.post(f"/v1/orders/{pending.identifier}/charge", charge_doc("tok_unreachable"))
    assert response.status_code == 502
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_no_configured_provider_is_a_clear_422(buyer_api, pending, settings):
    settings.PAYMENT_PROVIDERS = {}
    response = buyer_api.post(f"/v1/orders/{pending.identifier}/charge", charge_doc())
    assert response.status_code == 422
    assert "No payment provider 'stripe'" in response.json()["errors"][0]["detail"]


def test_a_charge_without_credentials_is_422(buyer_api, pending, fake_provider):
    response = buyer_api.post(f"/v1/orders/{pending.identifier}/charge", resource("charge", {"stripe": None}))
    assert response.status_code == 422
    wrong_type = buyer_api.post(f"/v1/orders/{pending.identifier}/charge", resource("charge", {"stripe": 42}))
    assert wrong_type.status_code == 422
    assert fake_provider.requests == []


def test_only_pending_unexpired_paid_orders_are_charged(
    buyer_api, event, paid_ticket, free_ticket, buyer, fake_provider
):
    completed = place(buyer, event, (free_ticket, 1))
    assert buyer_api.post(f"/v1/orders/{completed.identifier}/charge", charge_doc()).status_code == 409
    expired = place(buyer, event, (paid_ticket, 1))
    Order.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = buyer_api.post(f"/v1/orders/{expired.identifier}/charge", charge_doc())
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "expired"
    assert fake_provider.requests == []


def test_a_second_charge_of_a_paid_order_is_refused(buyer_api, pending, fake_provider):
    assert buyer_api.post(f"/v1/orders/{pending.identifier}/charge", charge_doc()).status_code == 200
    assert buyer_api.post(f"/v1/orders/{pending.identifier}/charge", charge_doc()).status_code == 409
    assert len(fake_provider.requests) == 1


def test_someone_elses_order_cannot_be_charged(pending, fake_provider):
    assert ApiClient(UserFactory()).post(f"/v1/orders/{pending.identifier}/charge", charge_doc()).status_code == 404
    assert ApiClient().post(f"/v1/orders/{pending.identifier}/charge", charge_doc()).status_code == 401
    assert fake_provider.requests == []


def test_charge_document_of_the_wrong_type_is_409(buyer_api, pending, fake_provider):
    response = buyer_api.post(f"/v1/orders/{pending.identifier}/charge", resource("order", {"stripe": "tok"}))
    assert response.status_code == 409
