import pytest

from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, TicketFactory
from tests.ticket_types.conftest import assert_constant_queries
from tests.ticket_types.factories import TicketTagFactory
from tickets.models import TicketTag

pytestmark = pytest.mark.django_db


def tag_doc(event, *tickets, name="VIP"):
    relationships = {
        "event": {"data": {"type": "event", "id": str(event.pk)}},
        "tickets": {"data": [{"type": "ticket", "id": str(t.pk)} for t in tickets]},
    }
    return resource("ticket-tag", {"name": name}, relationships=relationships)


def test_ticket_tag_created_with_its_tickets(organizer_api, event):
    ticket = TicketFactory(event=event)
    response = organizer_api.post("/v1/ticket-tags", tag_doc(event, ticket))
    assert response.status_code == 201, response.content
    tag = TicketTag.objects.get()
    assert list(tag.tickets.all()) == [ticket]
    listed = ApiClient().get(f"/v1/tickets/{ticket.pk}/ticket-tags").json()["data"]
    assert [item["id"] for item in listed] == [str(tag.pk)]
    assert ApiClient().get(f"/v1/ticket-tags/{tag.pk}/tickets").json()["data"][0]["id"] == str(ticket.pk)


def test_ticket_tag_ticket_of_another_event_is_rejected(organizer_api, event):
    foreign = TicketFactory(event=EventFactory())
    response = organizer_api.post("/v1/ticket-tags", tag_doc(event, foreign))
    assert response.status_code == 422
    assert TicketTag.objects.count() == 0


def test_ticket_tag_needs_a_name(organizer_api, event):
    response = organizer_api.post("/v1/ticket-tags", tag_doc(event, name="   "))
    assert response.status_code == 422
    assert TicketTag.objects.count() == 0


def test_ticket_tag_rename_and_retag(organizer_api, event):
    first, second = TicketFactory(event=event), TicketFactory(event=event)
    tag = TicketTagFactory(event=event)
    tag.tickets.add(first)
    body = resource(
        "ticket-tag",
        {"name": "Press"},
        id=tag.pk,
        relationships={"tickets": {"data": [{"type": "ticket", "id": str(second.pk)}]}},
    )
    assert organizer_api.patch(f"/v1/ticket-tags/{tag.pk}", body).status_code == 200
    tag.refresh_from_db()
    assert tag.name == "Press"
    assert list(tag.tickets.all()) == [second]


def test_ticket_tag_hidden_ticket_is_not_shown_to_the_public(event):
    hidden = TicketFactory(event=event, is_hidden=True)
    tag = TicketTagFactory(event=event)
    tag.tickets.add(hidden)
    assert ApiClient().get(f"/v1/ticket-tags/{tag.pk}/tickets").json()["data"] == []


def test_ticket_tag_outsider_cannot_write(outsider_api, event):
    tag = TicketTagFactory(event=event)
    assert outsider_api.post("/v1/ticket-tags", tag_doc(event)).status_code == 403
    assert outsider_api.delete(f"/v1/ticket-tags/{tag.pk}").status_code == 403
    assert TicketTag.objects.alive().count() == 1


def test_ticket_tag_delete_is_soft(organizer_api, event):
    tag = TicketTagFactory(event=event)
    assert organizer_api.delete(f"/v1/ticket-tags/{tag.pk}").status_code == 200
    assert TicketTag.objects.get(pk=tag.pk).deleted_at is not None
    assert ApiClient().get(f"/v1/ticket-tags/{tag.pk}").status_code == 404


def test_ticket_tag_list_query_count_does_not_grow(event, django_assert_max_num_queries):
    def add():
        tag = TicketTagFactory(event=event)
        tag.tickets.add(TicketFactory(event=event))

    url = f"/v1/events/{event.pk}/ticket-tags?include=tickets,event"
    assert_constant_queries(ApiClient(), url, add, django_assert_max_num_queries)
