"""The user of an event invoice (user/users.apib: `GET /v1/event-invoices/<id>/user`): the whole user, as
`/v1/users/<id>` shows it, to that user and admins; only name, e-mail and avatar to the rest of the team."""

import pytest

from tests.blueprint_routes.conftest import give_role
from tests.conftest import ApiClient
from tests.factories import UserFactory
from tests.ticket_types.conftest import assert_constant_queries
from tests.ticket_types.factories import EventInvoiceFactory

pytestmark = pytest.mark.django_db

FULL = {
    "contact", "created-at", "deleted-at", "details", "facebook-url", "icon-image-url", "is-admin",
    "is-marketer", "is-sales-admin", "is-super-admin", "is-user-organizer", "is-user-owner", "is-verified",
    "last-accessed-at", "original-image-url", "twitter-url", "was-registered-with-order",
}  # fmt: skip


def test_admin_reads_the_whole_billed_user(admin_api, event, organizer):
    invoice = EventInvoiceFactory(event=event, user=organizer)
    data = admin_api.get(f"/v1/event-invoices/{invoice.pk}/user").json()["data"]
    assert data["id"] == str(organizer.pk)
    assert FULL <= set(data["attributes"])
    assert data["attributes"]["is-user-organizer"] is True
    assert {"orders", "notifications", "access-codes", "speakers"} <= set(data["relationships"])


def test_the_billed_user_reads_themself_whole(event, organizer):
    invoice = EventInvoiceFactory(event=event, user=organizer)
    data = ApiClient(organizer).get(f"/v1/event-invoices/{invoice.pk}/user").json()["data"]
    assert FULL <= set(data["attributes"])


def test_another_organizer_sees_only_the_billed_users_name_and_email(event, organizer):
    organizer.contact = "+49 123"
    organizer.save()
    invoice = EventInvoiceFactory(event=event, user=organizer)
    colleague = give_role(UserFactory(), event, "organizer")
    response = ApiClient(colleague).get(f"/v1/event-invoices/{invoice.pk}/user")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert set(data["attributes"]) == {"email", "first-name", "last-name", "public-name", "avatar-url"}
    assert "relationships" not in data or not data["relationships"]
    assert "+49 123" not in response.content.decode()


def test_included_billed_users_cost_no_query_per_invoice(admin_api, event, organizer, django_assert_max_num_queries):
    def add():
        EventInvoiceFactory(event=event, user=UserFactory())

    assert_constant_queries(admin_api, "/v1/event-invoices?include=user", add, django_assert_max_num_queries)
