"""The Open Event Ember client's contract: every attribute and relationship it reads is in our documents.

`tests/contract/oef_models.json` (a copy of the shared contract's `oef_models.json`, kept in the repository so a
clone tests on its own) lists, per resource type, what the client reads. For each type we
serve, one representative object is fetched through the API (as an admin, who may see everything) and the
document must carry every contract attribute and relationship, under the contract's type name. What we
deliberately do not serve is listed in OMITTED with the reason; anything else missing fails.
"""

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from eventyay.api.registry import resources
from eventyay.api.relationships import relationship_named
from roles.models import Role, RoleInvite, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import (
    AccessCodeFactory,
    CustomFormFactory,
    DiscountCodeFactory,
    EventFactory,
    FaqFactory,
    FaqTypeFactory,
    MicrolocationFactory,
    NotificationFactory,
    PageFactory,
    SessionFactory,
    SessionTypeFactory,
    SocialLinkFactory,
    SpeakerFactory,
    SponsorFactory,
    TicketFactory,
    TrackFactory,
    UserFactory,
)

CONTRACT_PATH = Path(__file__).resolve().parent / "oef_models.json"
CONTRACT = json.loads(CONTRACT_PATH.read_text())

# Relationships deliberately not served, with the reason. Relationships to types this platform does not serve
# yet are rendered all the same (data null or [], see eventyay.api.relationships.NotServed), so they are not here.
NOT_OURS = {
    "notification-actions": "replaced by `content` (see the contract note on notification)",
}

# (type, field) pairs deliberately not served, with the reason.
OMITTED = {
    ("user", "password"): "write-only: a password is never sent back",
}


def _event():
    now = timezone.now()
    return EventFactory(schedule_published_on=now, starts_at=now + timedelta(days=5))


def build(type_name, admin):
    """A representative object of `type_name`; returns the API path that shows it."""
    if type_name == "page":
        return f"/v1/pages/{PageFactory().pk}"
    if type_name == "user":
        return f"/v1/users/{UserFactory().pk}"
    if type_name == "event":
        return f"/v1/events/{_event().pk}"
    if type_name == "ticket":
        return f"/v1/tickets/{TicketFactory(event=_event()).pk}"
    if type_name == "discount-code":
        return f"/v1/discount-codes/{DiscountCodeFactory(event=_event()).pk}"
    if type_name == "access-code":
        return f"/v1/access-codes/{AccessCodeFactory(event=_event()).pk}"
    if type_name in ("order", "attendee"):
        from tickets.checkout import order_create

        ticket = TicketFactory(event=_event(), type="paid", price=Decimal("10.00"))
        order = order_create(actor=admin, event=ticket.event, items=[{"ticket": ticket.pk, "quantity": 1}])
        if type_name == "order":
            return f"/v1/orders/{order.identifier}"
        return f"/v1/attendees/{order.attendees.get().pk}"
    if type_name == "stripe-authorization":
        from tickets.models import StripeAuthorization

        auth = StripeAuthorization.objects.create(event=_event(), stripe_publishable_key="pk_test")
        return f"/v1/stripe-authorization/{auth.pk}"
    if type_name == "event-topic":
        from events.models import EventTopic

        return f"/v1/event-topics/{EventTopic.objects.create(name='Science').pk}"
    if type_name == "event-sub-topic":
        from events.models import EventSubTopic, EventTopic

        topic = EventTopic.objects.create(name="Tech")
        return f"/v1/event-sub-topics/{EventSubTopic.objects.create(name='AI', event_topic=topic).pk}"
    if type_name == "event-type":
        from events.models import EventType

        return f"/v1/event-types/{EventType.objects.create(name='Conference').pk}"
    if type_name == "role":
        return f"/v1/roles/{Role.objects.get(name='organizer').pk}"
    if type_name == "role-invite":
        invite = RoleInvite.objects.create(
            email="x@example.org", event=_event(), role=Role.objects.get(name="coorganizer"), hash="h" * 16
        )
        return f"/v1/role-invites/{invite.pk}"
    if type_name == "users-events-role":
        row = UsersEventsRoles.objects.create(
            user=UserFactory(), event=_event(), role=Role.objects.get(name="organizer")
        )
        return f"/v1/users-events-roles/{row.pk}"
    if type_name == "notification":
        return f"/v1/notifications/{NotificationFactory(user=admin).pk}"
    if type_name in ("tax", "event-invoice"):
        from tests.ticket_types.factories import EventInvoiceFactory, TaxFactory

        if type_name == "tax":
            return f"/v1/taxes/{TaxFactory(event=_event()).pk}"
        return f"/v1/event-invoices/{EventInvoiceFactory(event=_event()).pk}"
    factories = {
        "session": SessionFactory,
        "track": TrackFactory,
        "speaker": SpeakerFactory,
        "sponsor": SponsorFactory,
        "microlocation": MicrolocationFactory,
        "session-type": SessionTypeFactory,
        "social-link": SocialLinkFactory,
        "custom-form": CustomFormFactory,
        "faq": FaqFactory,
        "faq-type": FaqTypeFactory,
    }
    if type_name in factories:
        obj = factories[type_name](event=_event())
        return f"/v1/{type_name}s/{obj.pk}"
    return None


SERVED = [t for t in sorted(CONTRACT) if t not in ("notification-action",)]  # notification actions are not built


def test_contract_file_is_present():
    assert CONTRACT, f"contract not found at {CONTRACT_PATH}"


@pytest.mark.django_db
@pytest.mark.parametrize("type_name", SERVED)
def test_document_carries_every_contract_field(type_name):
    admin = UserFactory(is_admin=True, is_super_admin=True)
    path = build(type_name, admin)
    assert path, f"no builder for {type_name}"
    response = ApiClient(admin).get(path)
    assert response.status_code == 200, response.content[:300]
    data = response.json()["data"]
    contract = CONTRACT[type_name]
    expected_type = "users-events-roles" if type_name == "users-events-role" else type_name
    assert data["type"] == expected_type
    attributes = set(data.get("attributes", {}))
    relationships = set(data.get("relationships", {}))
    missing = []
    for name in contract["attributes"]:
        if name not in attributes and (type_name, name) not in OMITTED:
            missing.append(f"attribute {name}")
    for name in contract["relationships"]:
        if name not in relationships and name not in NOT_OURS and (type_name, name) not in OMITTED:
            missing.append(f"relationship {name}")
    assert missing == [], f"{type_name}: {missing}"


#: related links answered by a route of their own whose semantics differ from the generic related route
OWN_ROUTE_404 = {
    ("event", "discount-code"): "/v1/events/<id>/discount-code is the admin's event-level code: 404 when there is none",
    ("event", "stripe-authorization"): "/v1/events/<id>/stripe-authorization: 404 when the event has none",
    ("user", "notifications"): "a user's notifications are theirs alone, admins included",
}


def answers_404_when_absent(type_name, name):
    """A related route with its own 404 (OWN_ROUTE_404), or a `ToOne(absent=404)` (an event's speakers call)."""
    field = relationship_named(resources.get(type_name).serializer_class, name)
    return (type_name, name) in OWN_ROUTE_404 or getattr(field, "absent", None) == 404


@pytest.mark.django_db
@pytest.mark.parametrize("type_name", SERVED)
def test_every_relationship_link_answers(type_name):
    """Every relationship of every served type has a related and a relationship route that answer (as an admin,
    who may read everything)."""
    admin = UserFactory(is_admin=True, is_super_admin=True)
    api = ApiClient(admin)
    data = api.get(build(type_name, admin)).json()["data"]
    failures = []
    for name, relationship in data.get("relationships", {}).items():
        for kind in ("related", "self"):
            url = relationship["links"][kind].removeprefix("http://testserver")
            status = api.get(url).status_code
            if status != 200 and not (status == 404 and kind == "related" and answers_404_when_absent(type_name, name)):
                failures.append(f"{name} {kind} {url}: {status}")
    assert failures == []
