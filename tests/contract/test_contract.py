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

# Relationships to resource types this platform does not have (yet). Each is a feature, not a field.
NOT_OURS = {
    "badge-forms": "badges are not built",
    "badges": "badges are not built",
    "email-notifications": "per-event e-mail notification settings are not built",
    "event-copyright": "copyright resource not built",
    "exhibitors": "exhibitors are not built",
    "forms": "custom-form-ticket resource not built",
    "general-statistics": "statistics resources are not built",
    "group": "groups are not built",
    "groups": "groups are not built",
    "followed-groups": "groups are not built",
    "invoice": "event invoices are not built",
    "event-invoices": "event invoices are not built",
    "location": "event-location resource not built (location-name is served)",
    "order-statistics": "statistics resources are not built",
    "session-favourites": "favourites are not built",
    "favourites": "favourites are not built",
    "speaker-invites": "speaker invites are not built",
    "speakers-call": "call for speakers is not built",
    "tags": "tags are not built",
    "tax": "taxes are not built",
    "video-stream": "video streams are not built",
    "feedbacks": "feedback is not built",
    "notification-actions": "replaced by `content` (see the contract note on notification)",
    "marketer": "marketer accounts are not built",
    "marketer-events": "marketer accounts are not built",
    "sales-admin-events": "sales admin accounts are not built",
    "custom-form-options": "custom-form options are not built (custom forms carry their own field list)",
    "custom-placeholder": "custom placeholders are not built",
    "favourite": "favourites are not built",
}

# (type, field) pairs deliberately not served, with the reason.
NO_ROUTE_YET = "served through filtered lists instead of a per-object related route"
OMITTED = {
    ("user", "password"): "write-only: a password is never sent back",
    ("user", "access-codes"): NO_ROUTE_YET,
    ("user", "discount-codes"): NO_ROUTE_YET,
    ("user", "sessions"): NO_ROUTE_YET,
    ("user", "speakers"): NO_ROUTE_YET,
    ("ticket", "attendees"): NO_ROUTE_YET + " (/v1/events/<id>/attendees?filter[ticket]=…)",
    ("ticket", "orders"): NO_ROUTE_YET,
    ("access-code", "orders"): NO_ROUTE_YET,
    ("discount-code", "orders"): NO_ROUTE_YET,
    ("discount-code", "events"): "the event of a code is its `event` relationship",
    ("event-topic", "events"): NO_ROUTE_YET + " (/v1/events?filter[event-topic]=…)",
    ("event-sub-topic", "events"): NO_ROUTE_YET,
    ("event-type", "events"): NO_ROUTE_YET,
    ("role", "role-invites"): NO_ROUTE_YET,
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


SERVED = [
    t for t in sorted(CONTRACT) if t not in ("event-invoice", "notification-action", "tax")
]  # invoices, notification actions and taxes are not built


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
