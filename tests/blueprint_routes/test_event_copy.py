"""event_copy.apib: `POST …/copy` answers 200 with the copy's id and identifier (`GET /v1/states` is tested in
tests/orders_and_sales)."""

import pytest

from events.models import Event

pytestmark = pytest.mark.django_db


def test_event_copy_answers_200_with_the_copys_id_and_identifier(org_api, event):
    response = org_api.post(f"/v1/events/{event.identifier}/copy", {})
    assert response.status_code == 200, response.content
    body = response.json()
    copy = Event.objects.get(pk=body["id"])
    assert body == {"copied": True, "id": copy.pk, "identifier": copy.identifier}
    assert copy.pk != event.pk
