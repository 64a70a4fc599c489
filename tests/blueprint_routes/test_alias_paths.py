"""The blueprint's paths `/v1/tax/<id>` (tax.apib, events.apib) and `/v1/stripe-authorizations`
(stripe_authorization.apib) serve the same types as `/v1/taxes` and `/v1/stripe-authorization`, with the same
rules; documents keep linking the canonical paths."""

import pytest

from tests.conftest import ApiClient, resource
from tests.factories import UserFactory
from tests.ticket_types.factories import TaxFactory
from tickets.models import StripeAuthorization

pytestmark = pytest.mark.django_db


def event_link(event):
    return {"event": {"data": {"type": "event", "id": str(event.pk)}}}


def test_the_event_of_a_tax_at_the_singular_path(api, event):
    tax = TaxFactory(event=event)
    response = api.get(f"/v1/tax/{tax.pk}/event")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["id"] == str(event.pk)
    links = api.get(f"/v1/tax/{tax.pk}").json()["data"]["relationships"]["event"]["links"]
    assert f"/v1/taxes/{tax.pk}/" in links["self"]


def test_organizer_manages_the_stripe_authorization_at_the_plural_path(org_api, event):
    body = resource("stripe-authorization", {"stripe-auth-code": "ac_example"}, relationships=event_link(event))
    created = org_api.post("/v1/stripe-authorizations", body)
    assert created.status_code == 201, created.content
    pk = created.json()["data"]["id"]
    assert StripeAuthorization.objects.get(pk=pk).stripe_auth_code == "ac_example"
    patch = resource("stripe-authorization", {"stripe-publishable-key": "pk_example"}, id=pk)
    assert org_api.patch(f"/v1/stripe-authorizations/{pk}", patch).status_code == 200
    assert org_api.get(f"/v1/stripe-authorizations/{pk}/event").json()["data"]["id"] == str(event.pk)
    assert org_api.delete(f"/v1/stripe-authorizations/{pk}").status_code == 200
    assert not StripeAuthorization.objects.filter(pk=pk).exists()


def test_outsiders_do_not_see_a_stripe_authorization_at_the_plural_path(event):
    auth = StripeAuthorization.objects.create(event=event, stripe_auth_code="ac_secret")
    assert ApiClient(UserFactory()).get(f"/v1/stripe-authorizations/{auth.pk}").status_code == 404
    assert ApiClient().get(f"/v1/stripe-authorizations/{auth.pk}").status_code == 401
    body = resource("stripe-authorization", {"stripe-auth-code": "x"}, relationships=event_link(event))
    assert ApiClient(UserFactory()).post("/v1/stripe-authorizations", body).status_code in (403, 404)
