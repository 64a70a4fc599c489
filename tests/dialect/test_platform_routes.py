"""Named routes, platform singletons, `null` where the Open Event Server takes it, top-level POSTs of
event-scoped types."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event, Group
from pages.models import Setting
from roles.models import RoleInvite
from tests.conftest import ApiClient, resource
from tests.dialect.conftest import ids
from tests.factories import EventFactory, TicketFactory, UserFactory
from tickets.models import AccessCode, DiscountCode, Ticket

pytestmark = pytest.mark.django_db


# --- named routes win over detail routes ----------------------------------------------------------------------------
def test_upcoming_events_are_published_public_and_not_over():
    now = timezone.now()
    later = EventFactory(starts_at=now + timedelta(days=9))
    running = EventFactory(starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1))
    EventFactory(starts_at=now - timedelta(days=5), ends_at=now - timedelta(days=4))  # over
    EventFactory(state=Event.State.DRAFT)
    EventFactory(privacy=Event.Privacy.PRIVATE)
    response = ApiClient().get(
        "/v1/events/upcoming?upcoming=true&include=event-topic,event-sub-topic,event-type,speakers-call"
        "&cache=true&public=true&page[size]=12"
    )
    assert ids(response) == [str(running.pk), str(later.pk)]


def test_an_event_whose_identifier_is_upcoming_is_still_found_by_id():
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(identifier="upcoming")
    assert ApiClient().get(f"/v1/events/{event.pk}").json()["data"]["attributes"]["identifier"] == "upcoming"


def test_session_states_as_the_blueprint_documents_them():
    body = ApiClient().get("/v1/sessions/states").json()
    assert body["speaker"]["draft"] == {"pending": True}
    assert body["organizer"]["rejected"] == {"accepted": True, "confirmed": True, "withdrawn": True}
    assert body["organizer"]["withdrawn"] == {}


def test_check_email_tells_whether_an_account_exists():
    UserFactory(email="taken@example.org")
    api = ApiClient()
    taken = api.post("/v1/users/check_email", {"email": "TAKEN@example.org"}, content_type="application/json")
    assert taken.json() == {"exists": True}
    free = api.post("/v1/users/check_email", {"email": "free@example.org"}, content_type="application/json")
    assert free.json() == {"exists": False}
    assert api.post("/v1/users/check_email", {}, content_type="application/json").status_code == 400


# --- settings -----------------------------------------------------------------------------------------------------
def test_everyone_reads_the_public_settings_without_secrets():
    Setting.objects.update_or_create(pk=1, defaults={"stripe_secret_key": "sk_live_x", "app_name": "Yay"})
    for api in (ApiClient(), ApiClient(UserFactory())):
        data = api.get("/v1/settings?cache=true&public=true").json()["data"]
        assert (data["type"], data["id"]) == ("setting", "1")
        assert data["attributes"]["app-name"] == "Yay"
        assert "stripe-secret-key" not in data["attributes"]
        assert "smtp-password" not in data["attributes"]


def test_admins_read_every_setting(admin_api):
    Setting.objects.update_or_create(pk=1, defaults={"stripe_secret_key": "sk_live_x"})
    assert admin_api.get("/v1/settings").json()["data"]["attributes"]["stripe-secret-key"] == "sk_live_x"


def test_only_super_admins_change_settings(admin_api, super_admin_api):
    document = resource("setting", {"app-name": "Renamed", "tagline": None}, id=1)
    assert ApiClient().patch("/v1/settings/1", document).status_code == 401
    assert admin_api.patch("/v1/settings/1", document).status_code == 403
    response = super_admin_api.patch("/v1/settings/1", document)
    assert response.status_code == 200
    setting = Setting.current()
    assert (setting.app_name, setting.tagline) == ("Renamed", "Event Management and Ticketing")
    bad = resource("setting", {"order-expiry-time": 0}, id=1)
    assert super_admin_api.patch("/v1/settings", bad).status_code == 422


# --- groups ---------------------------------------------------------------------------------------------------------
def test_groups_the_landing_page_asks_for():
    owner = UserFactory()
    promoted = Group.objects.create(name="Promoted", user=owner, is_promoted=True)
    Group.objects.create(name="Other", user=owner)
    url = '/v1/groups?filter=[{"name":"is-promoted","op":"eq","val":true}]&include=user,follower&cache=true&public=true'
    response = ApiClient().get(url)
    assert ids(response) == [str(promoted.pk)]
    assert [i["type"] for i in response.json()["included"]] == ["user"]


def test_a_user_creates_a_group_but_only_admins_promote_it(admin_api):
    user = UserFactory()
    api = ApiClient(user)
    created = api.post("/v1/groups", resource("group", {"name": "Mine", "about": "<b>x</b><script>y</script>"}))
    assert created.status_code == 201
    group = Group.objects.get()
    assert (group.user, group.about) == (user, "<b>x</b>")
    promote = resource("group", {"is-promoted": True}, id=group.pk)
    assert api.patch(f"/v1/groups/{group.pk}", promote).status_code == 403
    assert admin_api.patch(f"/v1/groups/{group.pk}", promote).status_code == 200


# --- null where the Open Event Server takes it -------------------------------------------------------------------
def _client_event_document(**overrides):
    """An event as the Ember client posts it: every attribute it has no value for is null."""
    from events.api.serializers import EVENT_ATTRIBUTES

    start = timezone.now() + timedelta(days=30)
    attributes = {name.replace("_", "-"): None for name in EVENT_ATTRIBUTES}
    attributes.update(
        {"name": "From the client", "starts-at": start.isoformat(), "ends-at": (start + timedelta(hours=6)).isoformat()}
    )
    attributes.update(overrides)
    relationships = {
        name: {"data": None}
        for name in ("event-topic", "event-sub-topic", "event-type", "event-copyright", "tax", "location", "group")
    }
    return {"data": {"type": "event", "attributes": attributes, "relationships": relationships}}


def test_the_clients_nulls_are_accepted_and_stored_as_defaults():
    api = ApiClient(UserFactory())
    response = api.post("/v1/events", _client_event_document())
    assert response.status_code == 201, response.content[:600]
    event = Event.objects.get()
    assert (event.logo_url, event.timezone, event.payment_currency, event.is_map_shown) == ("", "UTC", "USD", False)
    document = _client_event_document(name="Renamed")
    document["data"]["id"] = str(event.pk)
    document["data"]["attributes"].pop("starts-at")
    assert api.patch(f"/v1/events/{event.pk}", document).status_code == 200
    event.refresh_from_db()
    assert event.name == "Renamed"


def test_null_on_a_required_attribute_is_still_422():
    response = ApiClient(UserFactory()).post("/v1/events", _client_event_document(name=None))
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/attributes/name"}


def test_null_on_a_ticket_attribute_stores_its_default(event, organizer):
    document = resource(
        "ticket",
        {"name": "Free", "type": "free", "quantity": 10, "max-order": 5, "is-hidden": None, "description": None},
        relationships={"event": {"data": {"type": "event", "id": str(event.pk)}}},
    )
    assert ApiClient(organizer).post("/v1/tickets", document).status_code == 201
    ticket = Ticket.objects.get()
    assert (ticket.is_hidden, ticket.description) == (False, "")


# --- top-level POST of event-scoped types ----------------------------------------------------------------------------
def _with_event(event_id):
    return {"event": {"data": {"type": "event", "id": str(event_id)}}}


@pytest.mark.parametrize(
    "path,type_,attributes,model",
    [
        ("tickets", "ticket", {"name": "T", "type": "free", "quantity": 5, "max-order": 5}, Ticket),
        ("discount-codes", "discount-code", {"code": "TEN", "type": "percent", "value": 10}, DiscountCode),
        ("access-codes", "access-code", {"code": "OPEN"}, AccessCode),
        ("role-invites", "role-invite", {"email": "x@example.org", "role-name": "coorganizer"}, RoleInvite),
    ],
)
def test_top_level_post_with_the_event_relationship(event, organizer, path, type_, attributes, model):
    api = ApiClient(organizer)
    response = api.post(f"/v1/{path}", resource(type_, attributes, relationships=_with_event(event.pk)))
    assert response.status_code == 201, response.content[:400]
    created = model.objects.get()
    assert created.event_id == event.pk
    assert response["Location"].endswith(f"/v1/{path}/{created.pk}")
    assert "data" not in response.json()["data"]["relationships"]["event"]  # linkage only when included


def test_top_level_post_needs_the_event_and_the_right_to_create(event):
    document = resource("ticket", {"name": "T", "type": "free", "quantity": 5, "max-order": 5})
    organizer_of_other = UserFactory()
    missing = ApiClient(organizer_of_other).post("/v1/tickets", document)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["source"] == {"pointer": "/data/relationships/event"}
    with_event = resource(document["data"]["type"], document["data"]["attributes"], relationships=_with_event(event.pk))
    assert ApiClient(organizer_of_other).post("/v1/tickets", with_event).status_code == 403
    assert ApiClient().post("/v1/tickets", with_event).status_code == 401
    draft = EventFactory(state=Event.State.DRAFT)
    hidden = resource("ticket", document["data"]["attributes"], relationships=_with_event(draft.pk))
    assert ApiClient(organizer_of_other).post("/v1/tickets", hidden).status_code == 404
    assert not Ticket.objects.exists()


def test_nested_and_top_level_posts_create_the_same(event, organizer):
    TicketFactory(event=event)
    api = ApiClient(organizer)
    attributes = {"name": "Nested", "type": "free", "quantity": 5, "max-order": 5}
    assert api.post(f"/v1/events/{event.identifier}/tickets", resource("ticket", attributes)).status_code == 201
    assert Ticket.objects.filter(event=event, name="Nested").exists()


def test_an_event_joins_a_group_only_by_its_owner(event, organizer):
    mine = Group.objects.create(name="Mine", user=organizer)
    theirs = Group.objects.create(name="Theirs", user=UserFactory())
    url = f"/v1/events/{event.pk}/relationships/group"
    api = ApiClient(organizer)
    assert api.patch(url, {"data": {"type": "group", "id": str(theirs.pk)}}).status_code == 403
    assert api.patch(url, {"data": {"type": "group", "id": str(mine.pk)}}).status_code == 200
    assert ids(ApiClient().get(f"/v1/groups/{mine.pk}/events")) == [str(event.pk)]
