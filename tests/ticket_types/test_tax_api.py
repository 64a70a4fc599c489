import pytest

from tests.conftest import ApiClient, resource
from tests.ticket_types.conftest import assert_constant_queries
from tests.ticket_types.factories import TaxFactory
from tickets.models import Tax

pytestmark = pytest.mark.django_db


def tax_doc(event, **attrs):
    attributes = {"name": "Service Tax", "rate": "1.23456789", "tax-id": "123456789", "country": "IN", **attrs}
    return resource("tax", attributes, relationships={"event": {"data": {"type": "event", "id": str(event.pk)}}})


def test_tax_created_by_the_organizer_belongs_to_the_event(organizer_api, event):
    response = organizer_api.post("/v1/taxes", tax_doc(event))
    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert data["type"] == "tax"
    assert data["attributes"]["rate"] == 1.23456789
    assert data["attributes"]["tax-id"] == "123456789"
    assert Tax.objects.get().event == event
    related = organizer_api.get(f"/v1/events/{event.pk}/tax").json()["data"]
    assert related["id"] == data["id"]


def test_tax_second_alive_tax_of_an_event_is_a_conflict(organizer_api, event):
    TaxFactory(event=event)
    response = organizer_api.post(f"/v1/events/{event.pk}/taxes", tax_doc(event))
    assert response.status_code == 409
    assert Tax.objects.count() == 1


def test_tax_soft_deleted_tax_makes_room_for_a_new_one(organizer_api, event):
    tax = TaxFactory(event=event)
    response = organizer_api.delete(f"/v1/taxes/{tax.pk}")
    assert response.status_code == 200
    assert response.json()["meta"] == {"message": "Object successfully deleted"}
    assert Tax.objects.get(pk=tax.pk).deleted_at is not None
    assert organizer_api.get(f"/v1/events/{event.pk}/tax").json()["data"] is None
    assert organizer_api.post("/v1/taxes", tax_doc(event)).status_code == 201


@pytest.mark.parametrize("rate", ["101", "-1", "abc"])
def test_tax_rate_outside_0_to_100_is_rejected(organizer_api, event, rate):
    response = organizer_api.post("/v1/taxes", tax_doc(event, rate=rate))
    assert response.status_code in (400, 422)
    assert Tax.objects.count() == 0


def test_tax_without_tax_id_is_rejected(organizer_api, event):
    response = organizer_api.post("/v1/taxes", tax_doc(event, **{"tax-id": "  "}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/tax-id"


def test_tax_public_sees_only_name_rate_and_inclusion(event):
    tax = TaxFactory(event=event)
    attributes = ApiClient().get(f"/v1/taxes/{tax.pk}").json()["data"]["attributes"]
    assert set(attributes) == {"name", "rate", "is-tax-included-in-price", "deleted-at"}


def test_tax_organizer_sees_the_registration_details(organizer_api, event):
    tax = TaxFactory(event=event)
    attributes = organizer_api.get(f"/v1/taxes/{tax.pk}").json()["data"]["attributes"]
    assert attributes["tax-id"] == "DE123456789"
    assert attributes["registered-company"] == "Example GmbH"


def test_tax_of_another_event_cannot_be_changed(outsider_api, event):
    tax = TaxFactory(event=event)
    response = outsider_api.patch(f"/v1/taxes/{tax.pk}", resource("tax", {"rate": "50"}, id=tax.pk))
    assert response.status_code == 403
    assert str(Tax.objects.get(pk=tax.pk).rate) == "19.00000000"


def test_tax_cannot_be_created_for_another_organizers_event(outsider_api, event):
    assert outsider_api.post("/v1/taxes", tax_doc(event)).status_code == 403
    assert Tax.objects.count() == 0


def test_tax_invoice_footer_html_is_sanitized(organizer_api, event):
    response = organizer_api.post(
        "/v1/taxes", tax_doc(event, **{"invoice-footer": "<b>Thanks</b><script>alert(1)</script>"})
    )
    assert response.status_code == 201
    assert "<script" not in Tax.objects.get().invoice_footer
    assert "Thanks" in Tax.objects.get().invoice_footer


def test_tax_of_a_draft_event_is_hidden_from_the_public(event):
    event.state = "draft"
    event.save()
    tax = TaxFactory(event=event)
    assert ApiClient().get(f"/v1/taxes/{tax.pk}").status_code == 404
    assert ApiClient().get("/v1/taxes").json()["data"] == []


def test_tax_list_query_count_does_not_grow(django_assert_max_num_queries):
    from tests.factories import EventFactory

    assert_constant_queries(
        ApiClient(), "/v1/taxes?include=event", lambda: TaxFactory(event=EventFactory()), django_assert_max_num_queries
    )
