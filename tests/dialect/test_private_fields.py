"""Issue 10 item 9: private fields are not an oracle. Nobody filters or sorts on a field they may not read
(speaker e-mail and mobile, attendee e-mail and phone, user e-mail, order buyer details): 400, not a count."""

import pytest

from events.models import Event
from tests.conftest import ApiClient
from tests.dialect.conftest import give_role, ids, oef
from tests.factories import SessionFactory, SpeakerFactory, TicketFactory, UserFactory
from tickets.checkout import order_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def speaker(event):
    Event.objects.filter(pk=event.pk).update(schedule_published_on=event.starts_at)
    return SpeakerFactory(event=event, email="secret@speaker.example", mobile="+100200300")


@pytest.fixture
def order(event):
    ticket = TicketFactory(event=event, quantity=10)
    buyer = UserFactory(email="buyer@example.org")
    order = order_create(actor=buyer, event=event, items=[{"ticket": ticket.pk, "quantity": 1}])
    order.company = "ACME"
    order.save()
    order.attendees.update(email="holder@example.org", phone="+49123")
    return order


def _is_400(response):
    assert response.status_code == 400, response.content[:300]
    return True


@pytest.mark.parametrize(
    "query",
    [
        "filter[email]=secret@speaker.example",
        "filter[email.icontains]=secret",
        "filter[mobile]=%2B100200300",
        "sort=email",
        "sort=-mobile",
        oef([{"name": "email", "op": "eq", "val": "secret@speaker.example"}]),
        oef([{"name": "email", "op": "ilike", "val": "secret%"}]),
        oef([{"name": "mobile", "op": "ne", "val": None}]),
        oef([{"or": [{"name": "name", "op": "eq", "val": "x"}, {"name": "email", "op": "eq", "val": "y"}]}]),
    ],
)
def test_the_public_cannot_filter_or_sort_speakers_on_contact_details(event, speaker, query):
    assert ApiClient().get(f"/v1/events/{event.pk}/speakers").status_code == 200
    assert _is_400(ApiClient().get(f"/v1/events/{event.pk}/speakers?{query}"))
    assert _is_400(ApiClient(UserFactory()).get(f"/v1/events/{event.pk}/speakers?{query}"))


def test_the_team_may_filter_and_sort_speakers_on_contact_details(event, organizer, speaker):
    api = ApiClient(organizer)
    assert ids(api.get(f"/v1/events/{event.pk}/speakers?filter[email]=secret@speaker.example")) == [str(speaker.pk)]
    assert ids(api.get(f"/v1/events/{event.pk}/speakers?filter[email]=other@x.example")) == []
    assert api.get(f"/v1/events/{event.pk}/speakers?sort=-email").status_code == 200


def test_the_public_sees_no_contact_details_of_speakers(event, speaker, organizer):
    public = ApiClient().get(f"/v1/speakers/{speaker.pk}").json()["data"]["attributes"]
    assert "email" not in public and "mobile" not in public
    team = ApiClient(organizer).get(f"/v1/speakers/{speaker.pk}").json()["data"]["attributes"]
    assert team["email"] == "secret@speaker.example"


def test_private_fields_of_a_related_type_are_not_an_oracle_either(event, speaker, organizer):
    session = SessionFactory(event=event)
    session.speakers.add(speaker)
    through = oef([{"name": "speakers", "op": "any", "val": {"name": "email", "op": "eq", "val": speaker.email}}])
    assert _is_400(ApiClient().get(f"/v1/events/{event.pk}/sessions?{through}"))
    assert ids(ApiClient(organizer).get(f"/v1/events/{event.pk}/sessions?{through}")) == [str(session.pk)]


@pytest.mark.parametrize("field", ["email", "phone"])
def test_attendee_contact_details_cannot_be_probed_from_the_event_list(event, order, field):
    value = {"email": "holder@example.org", "phone": "+49123"}[field]
    probe = oef([{"name": "attendees", "op": "any", "val": {"name": field, "op": "eq", "val": value}}])
    assert _is_400(ApiClient().get(f"/v1/events?{probe}"))
    assert _is_400(ApiClient(UserFactory()).get(f"/v1/events?{probe}"))


def test_the_team_filters_attendees_on_their_email(event, order, organizer):
    registrar = give_role(UserFactory(), event, "registrar")
    for api in (ApiClient(organizer), ApiClient(registrar)):
        found = ids(api.get(f"/v1/events/{event.pk}/attendees?filter[email]=holder@example.org"))
        assert found == [str(order.attendees.get().pk)]


def test_a_buyer_filters_their_own_attendees(order):
    api = ApiClient(order.user)
    assert len(ids(api.get(f"/v1/users/{order.user_id}/attendees?filter[email]=holder@example.org"))) == 1
    assert len(ids(api.get(f"/v1/users/{order.user_id}/orders?filter[company]=ACME"))) == 1


def test_order_buyer_details_cannot_be_probed_by_outsiders(event, order):
    probe = oef([{"name": "orders", "op": "any", "val": {"name": "company", "op": "eq", "val": "ACME"}}])
    assert _is_400(ApiClient().get(f"/v1/events?{probe}"))


def test_orders_one_may_not_read_do_not_count(event, order):
    probe = oef([{"name": "orders", "op": "any", "val": {"name": "status", "op": "ne", "val": "cancelled"}}])
    assert ids(ApiClient().get(f"/v1/events?{probe}")) == []
    assert ids(ApiClient(UserFactory()).get(f"/v1/events?{probe}")) == []
    assert ids(ApiClient(order.user).get(f"/v1/events?{probe}")) == [str(event.pk)]


def test_user_email_is_filterable_by_admins_only(admin_api):
    user = UserFactory(email="someone@example.org")
    api = ApiClient(user)
    assert _is_400(api.get("/v1/users?filter[email]=someone@example.org"))
    assert _is_400(api.get("/v1/users?sort=email"))
    assert len(ids(admin_api.get("/v1/users?filter[email]=someone@example.org"))) == 1


def test_user_email_cannot_be_probed_through_a_relationship(event, order, organizer):
    probe = oef([{"name": "user", "op": "has", "val": {"name": "email", "op": "eq", "val": "buyer@example.org"}}])
    assert _is_400(ApiClient(organizer).get(f"/v1/events/{event.pk}/orders?{probe}"))


def test_sorting_through_a_to_one_relationship_leaves_private_fields_out(event, order, organizer):
    """The client sorts a buyer's orders by `event.starts-at`."""
    buyer = ApiClient(order.user)
    assert buyer.get(f"/v1/users/{order.user_id}/orders?sort=event.starts-at").status_code == 200
    assert buyer.get(f"/v1/users/{order.user_id}/orders?sort=-event.name,created-at").status_code == 200
    assert _is_400(ApiClient(organizer).get(f"/v1/events/{event.pk}/orders?sort=user.email"))
    assert _is_400(ApiClient(organizer).get(f"/v1/events/{event.pk}/orders?sort=event.nope"))
