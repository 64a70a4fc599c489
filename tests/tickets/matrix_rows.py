"""Permission-matrix rows for tickets, discount/access codes, Stripe authorization, orders and attendees.

On `world.event` (published) the seeded Role × Service matrix gives: tickets — organizer creates/deletes,
co-organizer updates; orders and attendees — organizer, co-organizer and registrar read. Ticket-level codes
are for organizer/co-organizer, the event-level code for admins, Stripe for the organizer. A row the actor
may not see at all (someone else's order, a code of an event they do not manage) answers 404.
"""

from tests.conftest import resource
from tests.factories import AccessCodeFactory, DiscountCodeFactory, TicketFactory
from tests.matrix import Row, expect
from tickets.checkout import order_create
from tickets.models import StripeAuthorization

ADMINS = {"admin": None, "super_admin": None}


def allowed(ok, actors, *, default=403, **extra):
    """`ok` for `actors` and admins, 401 for anonymous, `default` for everyone else."""
    result = expect(default, anonymous=401, admin=ok, super_admin=ok, **extra)
    for actor in actors:
        result[actor] = ok
    return result


def rows(world):
    event, other = world.event, world.other_event
    e = event.pk
    ticket = TicketFactory(event=event, name="Matrix ticket", quantity=50, max_order=5)
    spare = TicketFactory(event=event, name="Spare ticket")
    code = DiscountCodeFactory(event=event, code="MATRIX", type="percent", value=10)
    ticket.discount_code = code
    ticket.save()
    event_code = DiscountCodeFactory(event=event, code="PLATFORM", used_for="event")
    access = AccessCodeFactory(event=event, code="INSIDE")
    access.tickets.add(ticket)
    stripe = StripeAuthorization.objects.create(event=event, stripe_auth_code="ac_matrix")
    buyer = world.users["user"]
    order = order_create(actor=buyer, event=event, items=[{"ticket": ticket.pk, "quantity": 1}])
    attendee = order.attendees.get()
    o = order.identifier

    managers = ("organizer", "coorganizer")
    order_readers = ("organizer", "coorganizer", "registrar")
    new_ticket = resource("ticket", {"name": "New", "type": "free", "quantity": 5, "max-order": 5})
    ticket_rel = {"tickets": {"data": [{"type": "ticket", "id": str(spare.pk)}]}}
    new_code = resource("discount-code", {"code": "NEWCODE", "type": "amount", "value": 0}, relationships=ticket_rel)
    new_event_code = resource("discount-code", {"code": "EVENTWIDE", "type": "percent", "value": 5})
    new_access = resource("access-code", {"code": "NEWACCESS"}, relationships=ticket_rel)
    stripe_body = resource(
        "stripe-authorization",
        {"stripe-auth-code": "ac_new"},
        relationships={"event": {"data": {"type": "event", "id": str(other.pk)}}},
    )
    buy = {"event": e, "tickets": [{"id": ticket.pk, "quantity": 1}]}
    everyone_ok = expect(200)
    signed_in_created = expect(201, anonymous=401)

    with_event = {"event": {"data": {"type": "event", "id": str(e)}}}
    order_reader_ok = allowed(200, (*order_readers, "user"), default=404)
    return [
        # tickets
        Row("GET", f"/v1/events/{e}/tickets", everyone_ok),
        Row(
            "POST",
            "/v1/tickets",
            allowed(201, ("organizer",)),
            body=resource(
                "ticket", {"name": "Top", "type": "free", "quantity": 5, "max-order": 5}, relationships=with_event
            ),
        ),
        Row("GET", f"/v1/tickets/{ticket.pk}/event", everyone_ok),
        Row("GET", f"/v1/tickets/{ticket.pk}/relationships/attendees", everyone_ok),
        Row("POST", f"/v1/events/{e}/tickets", allowed(201, ("organizer",)), body=new_ticket),
        Row("GET", f"/v1/events/{event.identifier}/tickets/availability", everyone_ok),
        Row("GET", f"/v1/tickets/{ticket.pk}", everyone_ok),
        Row(
            "PATCH",
            f"/v1/tickets/{spare.pk}",
            allowed(200, managers),
            body=resource("ticket", {"position": 3}, id=spare.pk),
        ),
        Row("DELETE", f"/v1/tickets/{spare.pk}", allowed(200, ("organizer",))),
        # discount codes
        Row("GET", f"/v1/events/{e}/discount-code", allowed(200, ())),
        Row("POST", f"/v1/events/{other.pk}/discount-code", allowed(201, ()), body=new_event_code),
        Row(
            "PATCH",
            f"/v1/events/{e}/discount-code",
            allowed(200, ()),
            body=resource("discount-code", {"value": 7}, id=event_code.pk),
        ),
        Row("GET", f"/v1/events/{e}/discount-codes", allowed(200, managers)),
        Row("POST", f"/v1/events/{e}/discount-codes", allowed(201, managers), body=new_code),
        Row("GET", f"/v1/events/{e}/discount-codes/matrix?code=matrix&eventIdentifier=x", everyone_ok),
        Row(
            "POST",
            "/v1/discount-codes",
            allowed(201, managers),
            body=resource(
                "discount-code",
                {"code": "TOPLEVEL", "type": "amount", "value": 0},
                relationships={**ticket_rel, **with_event},
            ),
        ),
        Row(
            "DELETE",
            f"/v1/discount-codes/{code.pk}/relationships/tickets",
            allowed(200, managers, default=404),
            body={"data": [{"type": "ticket", "id": str(ticket.pk)}]},
        ),
        Row("GET", f"/v1/discount-codes/{code.pk}", allowed(200, managers, default=404)),
        Row(
            "PATCH",
            f"/v1/discount-codes/{code.pk}",
            allowed(200, managers, default=404),
            body=resource("discount-code", {"is-active": False}, id=code.pk),
        ),
        Row("DELETE", f"/v1/discount-codes/{code.pk}", allowed(200, managers, default=404)),
        Row("GET", f"/v1/discount-codes/{code.pk}/tickets", allowed(200, managers, default=404)),
        Row("GET", f"/v1/discount-codes/{code.pk}/relationships/tickets", allowed(200, managers, default=404)),
        Row(
            "PATCH",
            f"/v1/discount-codes/{code.pk}/relationships/tickets",
            allowed(200, managers, default=404),
            body={"data": [{"type": "ticket", "id": str(spare.pk)}]},
        ),
        # access codes
        Row("GET", f"/v1/events/{e}/access-codes", allowed(200, managers)),
        Row("POST", f"/v1/events/{e}/access-codes", allowed(201, managers), body=new_access),
        Row("GET", f"/v1/events/{e}/access-codes/inside", everyone_ok),
        Row("GET", f"/v1/access-codes/{access.pk}", allowed(200, managers, default=404)),
        Row(
            "PATCH",
            f"/v1/access-codes/{access.pk}",
            allowed(200, managers, default=404),
            body=resource("access-code", {"tickets-number": 9}, id=access.pk),
        ),
        Row("DELETE", f"/v1/access-codes/{access.pk}", allowed(200, managers, default=404)),
        Row("GET", f"/v1/access-codes/{access.pk}/tickets", allowed(200, managers, default=404)),
        Row(
            "POST",
            "/v1/access-codes",
            allowed(201, managers),
            body=resource("access-code", {"code": "TOPACCESS"}, relationships={**ticket_rel, **with_event}),
        ),
        Row("GET", f"/v1/access-codes/{access.pk}/relationships/tickets", allowed(200, managers, default=404)),
        Row(
            "POST",
            f"/v1/access-codes/{access.pk}/relationships/tickets",
            allowed(200, managers, default=404),
            body={"data": [{"type": "ticket", "id": str(spare.pk)}]},
        ),
        # stripe authorization (organizer only; no list)
        Row("POST", "/v1/stripe-authorization", allowed(201, ("other_organizer",)), body=stripe_body),
        Row("GET", f"/v1/stripe-authorization/{stripe.pk}", allowed(200, ("organizer",), default=404)),
        Row(
            "PATCH",
            f"/v1/stripe-authorization/{stripe.pk}",
            allowed(200, ("organizer",), default=404),
            body=resource("stripe-authorization", {"stripe-publishable-key": "pk_x"}, id=stripe.pk),
        ),
        Row("DELETE", f"/v1/stripe-authorization/{stripe.pk}", allowed(200, ("organizer",), default=404)),
        Row("GET", f"/v1/events/{e}/stripe-authorization", allowed(200, ("organizer",))),
        Row("GET", f"/v1/stripe-authorization/{stripe.pk}/event", allowed(200, ("organizer",), default=404)),
        Row(
            "GET",
            f"/v1/stripe-authorization/{stripe.pk}/relationships/event",
            allowed(200, ("organizer",), default=404),
        ),
        # orders and attendees
        Row("POST", "/v1/orders", signed_in_created, body=buy),
        Row("POST", "/v1/orders/create-order", signed_in_created, body=buy),
        Row("POST", "/v1/orders/calculate-amount", everyone_ok, body=buy),
        Row("GET", f"/v1/orders/{o}", allowed(200, (*order_readers, "user"), default=404)),
        Row(
            "PATCH",
            f"/v1/orders/{o}",
            allowed(200, ("organizer", "coorganizer", "user"), default=404, registrar=403),
            body=resource("order", {"city": "Hanoi"}, id=o),
        ),
        Row("GET", f"/v1/orders/{o}/attendees", order_reader_ok),
        Row("GET", f"/v1/orders/{o}/relationships/attendees", order_reader_ok),
        Row("GET", f"/v1/events/{e}/orders", allowed(200, order_readers)),
        Row("GET", f"/v1/users/{buyer.pk}/orders", allowed(200, ("user",), default=404)),
        Row("GET", f"/v1/users/{buyer.pk}/attendees", allowed(200, ("user",), default=404)),
        Row("GET", f"/v1/events/{e}/attendees", allowed(200, order_readers)),
        Row("GET", f"/v1/attendees/{attendee.pk}", order_reader_ok),
        Row("GET", f"/v1/attendees/{attendee.pk}/ticket", order_reader_ok),
        Row("GET", f"/v1/attendees/{attendee.pk}/relationships/order", order_reader_ok),
        Row(
            "PATCH",
            f"/v1/attendees/{attendee.pk}",
            allowed(200, (*order_readers, "user"), default=404),
            body=resource("attendee", {"firstname": "Matrix"}, id=attendee.pk),
        ),
    ]
