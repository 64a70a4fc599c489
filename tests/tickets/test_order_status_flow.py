"""The checkout's two steps, as the Open Event client walks them: `create-order` answers an `initializing` order that
holds its seats; the buyer PATCHes the attendees' details, then the order (free → completed, paid → pending, or
placed with an offline payment mode). The event's required attendee questions must be answered first; the team may
skip the step; an abandoned order expires and frees its seats."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pages.models import Setting
from tests.conftest import ApiClient, resource
from tests.factories import CustomFormFactory, TicketFactory, UserFactory
from tickets.checkout import release_overdue_orders
from tickets.models import Order

pytestmark = pytest.mark.django_db


def create_order(api, ticket, quantity=1):
    body = {"tickets": [{"id": ticket.pk, "quantity": quantity}]}
    response = api.post("/v1/orders/create-order", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()["data"]


def patch_order(api, identifier, **attributes):
    return api.patch(f"/v1/orders/{identifier}", resource("order", attributes, id=identifier))


def patch_attendee(api, attendee, **attributes):
    return api.patch(f"/v1/attendees/{attendee.pk}", resource("attendee", attributes, id=attendee.pk))


def available(ticket):
    document = ApiClient().get(f"/v1/events/{ticket.event_id}/tickets/availability").json()
    return next(row["available"] for row in document if row["id"] == ticket.pk)


@pytest.fixture
def attendee_form(event):
    """The client's fixed holder fields and one required question of the organizer's own."""
    fields = [("firstname", True), ("lastname", True), ("email", True), ("jobTitle", False)]
    for position, (identifier, fixed) in enumerate(fields):
        CustomFormFactory(
            event=event,
            field_identifier=identifier,
            name=identifier,
            is_included=True,
            is_required=True,
            is_fixed=fixed,
            position=position,
        )
    CustomFormFactory(event=event, field_identifier="city", is_included=True, is_required=False)  # optional


HOLDER = {"firstname": "Ada", "lastname": "Lovelace", "email": "ada@example.org", "job-title": "Analyst"}


def test_create_order_answers_initializing_and_holds_the_seats(buyer_api, ticket, paid_ticket):
    Setting.objects.create(pk=1, order_expiry_time=7)
    before = timezone.now()
    for chosen in (ticket, paid_ticket):
        data = create_order(buyer_api, chosen, quantity=2)
        assert data["attributes"]["status"] == "initializing"
        assert data["attributes"]["completed-at"] is None
        order = Order.objects.get(pk=data["id"])
        # the platform's order expiry time, the countdown the client shows on its order form
        assert before + timedelta(minutes=7) <= order.expires_at <= timezone.now() + timedelta(minutes=7)
        assert available(chosen) == 8
        assert [a.seat for a in order.attendees.order_by("pk")] == [1, 2]


def test_create_order_reads_the_buyers_roles_and_the_hold_time_with_the_event(buyer_api, ticket):
    """One query loads the event, whether the buyer holds a role on it and the platform's hold time: no statement
    of its own for either (in a rush, each is a round trip per buyer)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Setting.objects.create(pk=1, order_expiry_time=9)
    with CaptureQueriesContext(connection) as queries:
        data = create_order(buyer_api, ticket)
    assert data["attributes"]["status"] == "initializing"
    order = Order.objects.get(pk=data["id"])
    assert timedelta(minutes=8) < order.expires_at - order.created_at <= timedelta(minutes=9)
    for table in ('"roles_userseventsroles"', '"pages_setting"'):
        reading = [q["sql"] for q in queries if table in q["sql"]]
        assert len(reading) == 1 and '"events_event"' in reading[0], reading


def test_create_order_by_the_events_team_on_a_draft_event(ticket):
    """The team's roles are still read when the event says they hold one: a draft event is theirs to order on,
    and their order skips the attendee step."""
    from tests.tickets.conftest import give_role

    organizer = UserFactory()
    give_role(organizer, ticket.event, "organizer")
    ticket.event.state = "draft"
    ticket.event.save()
    data = create_order(ApiClient(organizer), ticket)
    assert data["attributes"]["status"] == "completed"
    stranger = ApiClient(UserFactory()).post(
        "/v1/orders/create-order", {"tickets": [{"id": ticket.pk, "quantity": 1}]}, content_type="application/json"
    )
    assert stranger.status_code == 404


def test_free_order_completed_once_the_details_are_in(buyer_api, ticket, attendee_form):
    data = create_order(buyer_api, ticket)
    identifier = data["attributes"]["identifier"]
    order = Order.objects.get(identifier=identifier)
    attendee = order.attendees.get()

    refused = patch_order(buyer_api, identifier, status="completed", **{"payment-mode": "free"})
    assert refused.status_code == 422, refused.content  # the required details are missing
    assert refused.json()["errors"][0]["code"] == "attendee_details_missing"
    partial = patch_attendee(buyer_api, attendee, **{k: v for k, v in HOLDER.items() if k != "job-title"})
    assert partial.status_code == 200, partial.content
    assert patch_order(buyer_api, identifier, status="completed").status_code == 422  # the job title is missing

    # the client sends back every attribute it holds, the desk's among them: unchanged, they are no change
    saved = patch_attendee(buyer_api, attendee, **HOLDER, **{"is-checked-in": False, "checkin-times": ""})
    assert saved.status_code == 200, saved.content
    assert patch_order(buyer_api, identifier, status="pending").status_code == 422  # nothing to pay
    response = patch_order(buyer_api, identifier, status="completed", **{"payment-mode": "free"})
    assert response.status_code == 200, response.content
    assert response.json()["data"]["attributes"]["status"] == "completed"

    order.refresh_from_db()
    attendee.refresh_from_db()
    assert (order.status, order.payment_mode, order.expires_at) == ("completed", "free", None)
    assert order.completed_at is not None
    assert (attendee.firstname, attendee.lastname, attendee.email, attendee.job_title) == (
        "Ada",
        "Lovelace",
        "ada@example.org",
        "Analyst",
    )
    assert available(ticket) == 9


def test_paid_order_pending_after_the_details_then_placed_by_bank(
    settings, buyer_api, event, paid_ticket, attendee_form
):
    settings.PAID_ORDER_EXPIRY_MINUTES = 45
    event.can_pay_by_bank = True
    event.save()
    identifier = create_order(buyer_api, paid_ticket)["attributes"]["identifier"]
    order = Order.objects.get(identifier=identifier)
    assert patch_attendee(buyer_api, order.attendees.get(), **HOLDER).status_code == 200

    assert patch_order(buyer_api, identifier, status="completed").status_code == 422  # paid by paying only
    free = patch_order(buyer_api, identifier, status="pending", **{"payment-mode": "free"})
    assert free.status_code == 422  # a paid order is not free
    response = patch_order(buyer_api, identifier, status="pending", **{"payment-mode": ""})
    assert response.status_code == 200, response.content
    order.refresh_from_db()
    assert order.status == "pending"
    # from now on the buyer has the time to pay that a paid order always had
    assert order.expires_at > timezone.now() + timedelta(minutes=40)

    placed = patch_order(buyer_api, identifier, status="placed", **{"payment-mode": "bank"})
    assert placed.status_code == 200, placed.content
    order.refresh_from_db()
    assert (order.status, order.payment_mode, order.expires_at) == ("placed", "bank", None)
    assert available(paid_ticket) == 9
    assert patch_order(buyer_api, identifier, status="cancelled").status_code == 422  # placed: the team's call


def test_paid_initializing_order_placed_by_bank_in_one_step(buyer_api, event, paid_ticket, attendee_form):
    """The client's order form can carry the payment mode itself (the Open Event Server places such an order)."""
    event.can_pay_by_bank = True
    event.save()
    identifier = create_order(buyer_api, paid_ticket)["attributes"]["identifier"]
    order = Order.objects.get(identifier=identifier)
    assert patch_order(buyer_api, identifier, status="placed", **{"payment-mode": "bank"}).status_code == 422
    assert patch_attendee(buyer_api, order.attendees.get(), **HOLDER).status_code == 200
    assert patch_order(buyer_api, identifier, status="placed", **{"payment-mode": "cheque"}).status_code == 422
    assert patch_order(buyer_api, identifier, status="placed", **{"payment-mode": "bank"}).status_code == 200
    assert Order.objects.get(pk=order.pk).status == "placed"


@pytest.mark.parametrize("status", ["placed", "expired", "initializing", "refunded"])
def test_bad_transitions_of_an_initializing_order_are_refused(buyer_api, paid_ticket, status):
    identifier = create_order(buyer_api, paid_ticket)["attributes"]["identifier"]
    response = patch_order(buyer_api, identifier, status=status)
    if status == "initializing":
        assert response.status_code == 200  # no change
    else:
        assert response.status_code == 422, response.content
        assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/status"
    assert Order.objects.get(identifier=identifier).status == "initializing"


def test_only_the_buyer_or_the_team_moves_an_order_on(buyer_api, organizer_api, ticket):
    identifier = create_order(buyer_api, ticket)["attributes"]["identifier"]
    stranger = patch_order(ApiClient(UserFactory()), identifier, status="completed")
    assert stranger.status_code == 404
    assert patch_order(ApiClient(), identifier, status="completed").status_code == 401
    # no required questions on this event, and the team may skip them anyway
    response = patch_order(organizer_api, identifier, status="completed")
    assert response.status_code == 200, response.content
    assert Order.objects.get(identifier=identifier).status == "completed"


def test_the_team_places_orders_without_the_details_step(organizer_api, ticket, paid_ticket):
    assert create_order(organizer_api, ticket)["attributes"]["status"] == "completed"
    assert create_order(organizer_api, paid_ticket)["attributes"]["status"] == "pending"


def test_buyer_abandons_an_initializing_order_and_the_seats_return(buyer_api, paid_ticket):
    identifier = create_order(buyer_api, paid_ticket, quantity=3)["attributes"]["identifier"]
    assert available(paid_ticket) == 7
    response = patch_order(buyer_api, identifier, status="cancelled")
    assert response.status_code == 200, response.content
    assert available(paid_ticket) == 10
    assert patch_order(buyer_api, identifier, status="pending").status_code == 422


def test_an_abandoned_initializing_order_expires(buyer_api, paid_ticket, attendee_form):
    identifier = create_order(buyer_api, paid_ticket, quantity=2)["attributes"]["identifier"]
    order = Order.objects.get(identifier=identifier)
    assert patch_attendee(buyer_api, order.attendees.first(), **HOLDER).status_code == 200
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert available(paid_ticket) == 10  # its seats count as free at once

    late = patch_order(buyer_api, identifier, status="pending")
    assert late.status_code == 409, late.content
    assert late.json()["errors"][0]["code"] == "expired"
    # read, it shows expired (as the beat job leaves it), which the client's timer expects
    assert buyer_api.get(f"/v1/orders/{identifier}").json()["data"]["attributes"]["status"] == "expired"
    order.refresh_from_db()
    assert order.status == "expired"
    assert not order.attendees.filter(seat__isnull=False).exists()


def test_the_beat_job_expires_initializing_orders(buyer_api, ticket):
    identifier = create_order(buyer_api, ticket)["attributes"]["identifier"]
    fresh = create_order(buyer_api, ticket)["attributes"]["identifier"]
    Order.objects.filter(identifier=identifier).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert release_overdue_orders() == 1
    assert Order.objects.get(identifier=identifier).status == "expired"
    assert Order.objects.get(identifier=fresh).status == "initializing"
    assert available(ticket) == 9


def test_a_sold_out_ticket_counts_initializing_orders(buyer_api, event):
    ticket = TicketFactory(event=event, quantity=1)
    create_order(buyer_api, ticket)
    response = ApiClient(UserFactory()).post(
        "/v1/orders/create-order", {"tickets": [{"id": ticket.pk, "quantity": 1}]}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "sold_out"


def test_ticket_forms_limit_the_required_questions_to_their_tickets(buyer_api, event, ticket, paid_ticket):
    """As the client shows them: a question of a ticket form applies to the holders of that ticket only."""
    paid_ticket.form_id = "vip"
    paid_ticket.save()
    CustomFormFactory(event=event, field_identifier="company", form_id="vip", is_included=True, is_required=True)
    CustomFormFactory(event=event, field_identifier="phone", form_id="", is_included=False, is_required=True)
    free = create_order(buyer_api, ticket)["attributes"]["identifier"]
    paid = create_order(buyer_api, paid_ticket)["attributes"]["identifier"]
    ticket.form_id = "other"
    ticket.save()
    assert patch_order(buyer_api, free, status="completed").status_code == 200
    assert patch_order(buyer_api, paid, status="pending").status_code == 422
    attendee = Order.objects.get(identifier=paid).attendees.get()
    assert patch_attendee(buyer_api, attendee, company="Analytical Engines").status_code == 200
    assert patch_order(buyer_api, paid, status="pending").status_code == 200


def test_complex_questions_are_answered_in_complex_field_values(buyer_api, event, ticket):
    CustomFormFactory(event=event, field_identifier="tShirt", is_complex=True, is_included=True, is_required=True)
    identifier = create_order(buyer_api, ticket)["attributes"]["identifier"]
    attendee = Order.objects.get(identifier=identifier).attendees.get()
    assert patch_order(buyer_api, identifier, status="completed").status_code == 422
    answered = patch_attendee(buyer_api, attendee, **{"complex-field-values": {"tShirt": "M"}})
    assert answered.status_code == 200, answered.content
    assert patch_order(buyer_api, identifier, status="completed").status_code == 200


def test_an_attendee_renders_its_order_and_event_as_links_unless_included(buyer_api, ticket):
    """The client keys orders and events by identifier: bare numeric linkage would file the attendee under a
    second, empty record (the Open Event Server renders links only too)."""
    identifier = create_order(buyer_api, ticket)["attributes"]["identifier"]
    attendee = Order.objects.get(identifier=identifier).attendees.get()
    plain = buyer_api.get(f"/v1/attendees/{attendee.pk}").json()["data"]["relationships"]
    assert "data" not in plain["order"] and "data" not in plain["event"]
    assert plain["order"]["links"]["related"].endswith(f"/v1/attendees/{attendee.pk}/order")
    assert plain["ticket"]["data"] == {"type": "ticket", "id": str(ticket.pk)}
    included = buyer_api.get(f"/v1/attendees/{attendee.pk}?include=order,event").json()
    relationships = included["data"]["relationships"]
    assert relationships["order"]["data"] == {"type": "order", "id": str(attendee.order_id)}
    assert relationships["event"]["data"] == {"type": "event", "id": str(ticket.event_id)}
    assert sorted(row["type"] for row in included["included"]) == ["event", "order"]
