"""An event links its invoices and its ticket tags (event/events.apib: `event-invoices`, `ticket-tags`)."""

import pytest

from tickets.models import TicketTag

pytestmark = pytest.mark.django_db


def test_event_links_its_invoices_and_ticket_tags(org_api, event):
    tag = TicketTag.objects.create(event=event, name="VIP")
    data = org_api.get(f"/v1/events/{event.pk}").json()["data"]
    for name in ("event-invoices", "ticket-tags"):
        assert data["relationships"][name]["links"]["related"].endswith(f"/v1/events/{event.pk}/{name}")
    tags = org_api.get(f"/v1/events/{event.pk}/ticket-tags").json()["data"]
    assert [row["id"] for row in tags] == [str(tag.pk)]
    assert org_api.get(f"/v1/events/{event.pk}/event-invoices").status_code == 200


def test_ticket_tags_of_an_event_can_be_included(org_api, event):
    TicketTag.objects.create(event=event, name="Press")
    body = org_api.get(f"/v1/events/{event.pk}?include=ticket-tags").json()
    assert [row["attributes"]["name"] for row in body["included"]] == ["Press"]
